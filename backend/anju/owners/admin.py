"""No admin pages: the owner portal's sign-in codes and sessions are security records, not support data.

Not registered (no row rule; never shown to support staff): ``SignInCode`` and ``OwnerSession``.
"""
