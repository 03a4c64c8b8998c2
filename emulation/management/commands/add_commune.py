from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from emulation.communes import KINDS, add_commune
from emulation.policy import COMMAND_LINE


class Command(BaseCommand):
    help = "Add a commune, with its movement of this year and its office's first account."

    def add_arguments(self, parser):
        parser.add_argument("name", help="the commune's name, e.g. Hàm Chính")
        parser.add_argument("--kind", default="xã", help=f"one of: {', '.join(KINDS)}")
        parser.add_argument("--province", default="", help="the province's name")
        parser.add_argument("--chairman", required=True, help="the chairman's full name")
        parser.add_argument("--username", default="", help="the office account's login name")

    def handle(self, *args, name, kind, province, chairman, username, **options):
        try:
            new = add_commune(
                COMMAND_LINE,
                name=name,
                kind=kind,
                province=province,
                chairman_name=chairman,
                username=username,
            )
        except ValidationError as refused:
            raise CommandError(" ".join(refused.messages)) from refused
        self.stdout.write(f"Đã thêm {new.commune} (phong trào thi đua năm {new.movement.year}).")
        self.stdout.write(
            f"Tài khoản văn phòng: username: {new.account.username} password: {new.password}"
        )
        self.stdout.write(
            "Mật khẩu chỉ hiện lần này: giao cho văn phòng xã, đổi sau lần đăng nhập đầu."
        )
