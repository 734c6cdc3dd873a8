import random

from django.core.management.base import BaseCommand
from django.db import transaction

from clearinghouse.audit.log import record
from clearinghouse.core.extensions import DEMO_LOADERS
from clearinghouse.core.models import IllustrativeDataset

SEED = 1540


class Command(BaseCommand):
    help = (
        "Load a deterministic ILLUSTRATIVE dataset (reports, matrices, plans, visits, peer reviews, "
        "assistance, events) so every page has something to show. Every page and export then says "
        "the data is illustrative. --remove deletes it. A real deployment starts without it."
    )

    def add_arguments(self, parser):
        parser.add_argument("--remove", action="store_true", help="delete the illustrative dataset")
        parser.add_argument("--seed", type=int, default=SEED)

    def handle(self, *args, remove=False, seed=SEED, **options):
        with transaction.atomic():
            for loader in reversed(DEMO_LOADERS):
                loader.clear()
            IllustrativeDataset.objects.all().delete()
            if remove:
                record("demo", "demo.removed", None, {})
                self.stdout.write("Illustrative dataset removed.")
                return
            summary = {}
            for loader in DEMO_LOADERS:
                summary[loader.name] = loader.load(random.Random(f"{seed}-{loader.name}"), "demo")
            IllustrativeDataset.objects.create(
                name="demo", description=f"clearinghouse demo --seed {seed}"
            )
            record("demo", "demo.loaded", None, summary)
        for name, counts in summary.items():
            self.stdout.write(f"{name}: " + ", ".join(f"{k} {v}" for k, v in counts.items()))
        self.stdout.write("Illustrative dataset loaded: every page and export now says so.")
