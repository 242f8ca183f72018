"""Encryption, blind index, masking and key rotation (security target P2)."""

import pytest
from django.core.management import call_command
from django.db import connection

from anju.core import pii


def test_encrypt_round_trip_with_key_id() -> None:
    token = pii.encrypt("13800138000")
    assert token.startswith(pii.get_keyring().active_id + ":")
    assert "13800138000" not in token
    assert pii.decrypt(token) == "13800138000"
    assert pii.encrypt("13800138000") != token  # random nonce


def test_blind_index_is_deterministic_and_keyed() -> None:
    assert pii.blind_index("mobile", "13800138000") == pii.blind_index("mobile", "13800138000")
    assert pii.blind_index("mobile", "13800138000") != pii.blind_index("id_number", "13800138000")
    assert "13800138000" not in pii.blind_index("mobile", "13800138000")


def test_masks() -> None:
    assert pii.mask_mobile("13812341234") == "138****1234"
    assert pii.mask_id_number("11010519491231002X") == "110***********002X"


def test_keys_do_not_derive_from_secret_key(settings) -> None:
    ring = pii.get_keyring()
    assert all(settings.SECRET_KEY.encode() not in key for key in ring.keys.values())


@pytest.mark.django_db
def test_no_plaintext_in_database_rows(world) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id_number_ciphertext, id_number_index FROM customers_customer")
        customer_rows = cursor.fetchall()
        cursor.execute("SELECT ciphertext, blind_index FROM customers_customermobile")
        mobile_rows = cursor.fetchall()
    dump = repr(customer_rows) + repr(mobile_rows)
    assert "13800138000" not in dump
    assert "110101199003074477" not in dump
    assert "0013800" not in dump


@pytest.mark.django_db
def test_rotation_reencrypts_every_row(world, settings, tmp_path) -> None:
    import json
    import shutil

    key_file = tmp_path / "keys.json"
    shutil.copy(settings.PII["KEY_FILE"], key_file)
    settings.PII = {**settings.PII, "KEY_FILE": key_file, "KEYS": ""}
    pii.reset_keyring_cache()
    try:
        call_command("rotate_pii_keys", "--new-key")
        active = json.loads(key_file.read_text())["active"]
        assert active != "k1"
        from anju.customers.models import Customer, CustomerMobile

        assert all(m.ciphertext.startswith(active + ":") for m in CustomerMobile.objects.all())
        with_id = Customer.objects.exclude(id_number_ciphertext="")
        assert with_id.exists()
        assert all(c.id_number_ciphertext.startswith(active + ":") for c in with_id)
        assert pii.decrypt(CustomerMobile.objects.get(customer=world.customer_a).ciphertext) == "13800138000"
    finally:
        pii.reset_keyring_cache()


def test_concurrent_first_use_of_the_key_file_agrees_on_one_set_of_keys(tmp_path) -> None:
    import json
    import threading

    from anju.core.pii import _load_key_file

    path = tmp_path / "keys" / "pii-keys.json"
    results: list[dict[str, object]] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(8)

    def worker() -> None:
        try:
            barrier.wait()
            results.append(_load_key_file(path))
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len({json.dumps(r, sort_keys=True) for r in results}) == 1
    assert [p.name for p in path.parent.iterdir()] == ["pii-keys.json"]
