"""An e-mail is masked to its first letter and its domain; the domain follows the last @ (a quoted local part may hold
one, which must not show)."""

from anju.core import pii


def test_given_a_quoted_local_part_with_an_at_when_masked_then_nothing_of_it_shows() -> None:
    assert pii.mask_email('"john.doe@home"@example.com') == '"***@example.com'
    assert pii.mask_email("zhang.secret@example.com") == "z***@example.com"
    assert pii.mask_email("no-at-sign") == "**********"
