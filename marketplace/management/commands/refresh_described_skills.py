"""`manage.py refresh_described_skills`: read every vendor's descriptions again.

Saving a skill's names or aliases queues this on a worker (`refresh_described_skills`); run it
by hand after loading skills or vendors outside the services, or if that task was lost.
"""

from django.core.management.base import BaseCommand

from marketplace.services.matching.prose import described_skills_refresh_all


class Command(BaseCommand):
    help = "Read every vendor's descriptions again for the skills they mention."

    def handle(self, *args, **options):
        pairs = described_skills_refresh_all()
        self.stdout.write(f"Read the descriptions again: {pairs} (vendor, skill) pairs stored.")
