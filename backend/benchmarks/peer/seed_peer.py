"""Seed django-helpdesk (run with the peer's own Python; ``bench_peer.py`` does): 20 queues, a staff user ``bench``
(password ``bench``), BENCH_ORDERS tickets of ``shape.rows`` with their follow-ups, bulk-created. Prints a JSON
manifest (queue ids, ticket id range) on the last line. Does nothing but print the manifest when tickets exist."""

# ruff: noqa: T201
import json
import os
import sys
import uuid
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peersite.settings")

import django  # noqa: E402

django.setup()
import shape  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from helpdesk.models import FollowUp, Queue, Ticket, UserSettings  # noqa: E402

N = int(os.environ.get("BENCH_ORDERS", "100000"))


def main() -> None:
    user_model = get_user_model()
    if not Ticket.objects.exists():
        queues = [
            Queue.objects.create(title=f"项目{n + 1:02d}", slug=f"p{n + 1:02d}", email_address=f"p{n + 1}@example.invalid")
            for n in range(shape.PROJECTS)
        ]
        bench = user_model.objects.filter(username="bench").first() or user_model.objects.create_user(
            "bench", "bench@example.invalid", "bench", is_staff=True
        )
        UserSettings.objects.get_or_create(user=bench)
        Ticket._meta.get_field("created").auto_now_add = False
        Ticket._meta.get_field("modified").auto_now = False
        batch: list[tuple[Ticket, list[str]]] = []

        def flush() -> None:
            with transaction.atomic():
                Ticket.objects.bulk_create([t for t, _ in batch])
                FollowUp.objects.bulk_create(
                    [
                        FollowUp(ticket_id=t.id, date=t.created, title="跟进", comment=text, public=True, user_id=bench.id)
                        for t, texts in batch
                        for text in texts
                    ]
                )
            batch.clear()

        for row in shape.rows(N):
            status = Ticket.OPEN_STATUS if row.unfinished else Ticket.CLOSED_STATUS
            ticket = Ticket(
                title=row.title,
                description=row.description,
                queue_id=queues[row.project].id,
                created=row.created,
                modified=row.created,
                submitter_email="owner@example.invalid",
                assigned_to_id=bench.id,
                status=status,
                priority=3,
                secret_key=str(uuid.uuid4()),
            )
            batch.append((ticket, row.follow_ups))
            if len(batch) == 5000:
                flush()
        if batch:
            flush()
    with connection.cursor() as cursor:  # every run, as for Anju: earlier runs' creates added tickets
        cursor.execute("VACUUM (ANALYZE)" if connection.vendor == "postgresql" else "ANALYZE")  # as for Anju
    ids = Ticket.objects.order_by("id").values_list("id", flat=True)
    manifest = {
        "queues": list(Queue.objects.order_by("id").values_list("id", flat=True)),
        "tickets": Ticket.objects.count(),
        "first": ids.first(),
        "last": Ticket.objects.order_by("-id").values_list("id", flat=True).first(),
    }
    print(json.dumps(manifest))


if __name__ == "__main__":
    main()
