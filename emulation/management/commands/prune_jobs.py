import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from emulation.formatting import format_date
from emulation.jobs import fail_stalled_jobs, prune_finished_jobs


class Command(BaseCommand):
    help = (
        "Mark jobs whose worker stopped under them as not done, and delete background jobs "
        "finished more than --days ago, with their files."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="keep this many days (30)")

    def handle(self, *args, days, **options):
        if days < 1:
            raise CommandError("--days phải từ 1 trở lên.")
        now = timezone.now()
        stalled = fail_stalled_jobs(now)
        if stalled:
            self.stdout.write(f"Đã ghi {stalled} công việc dừng giữa chừng là không thành công.")
        before = now - datetime.timedelta(days=days)
        count = prune_finished_jobs(before)
        day = format_date(timezone.localdate(before))
        self.stdout.write(f"Đã xóa {count} công việc chạy nền xong trước {day}.")
