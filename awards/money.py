"""The bonus rule (DOMAIN.md "Money"), once."""

from emulation.formatting import round_up_to_ten_thousand, to_decimal


def bonus_amount(coefficient, base_salary):
    """Coefficient × base salary, rounded UP to the next 10.000 đồng.

    Nghị định 91/2017/NĐ-CP Điều 68 khoản 2 ("làm tròn số lên hàng chục nghìn đồng"); the
    coefficient is the award rule's for the recipient (a collective's is its own, double
    the individual's for a Giấy khen). None when either is unknown.
    """
    if coefficient is None or base_salary is None:
        return None
    return round_up_to_ten_thousand(to_decimal(coefficient) * to_decimal(base_salary))
