"""The bonus rule (DOMAIN.md "Money"), once."""

from decimal import Decimal

from emulation.formatting import round_up_to_ten_thousand, to_decimal


def bonus_amount(coefficient, base_salary, collective):
    """Coefficient × base salary, twice that for a collective, rounded UP to 10.000 đồng.

    Nghị định 91/2017/NĐ-CP Điều 68 khoản 2 (same principle under Nghị định 98/2023).
    """
    if coefficient is None or base_salary is None:
        return None
    amount = to_decimal(coefficient) * to_decimal(base_salary)
    if collective:
        amount *= Decimal(2)
    return round_up_to_ten_thousand(amount)
