from awards.models import AwardKind, Decision


def test_demo_decision_of_the_seed_story(demo):
    kinds = {k.name: k for k in AwardKind.objects.all()}
    assert set(kinds) >= {"Giấy khen", "Lao động tiên tiến", "Gia đình văn hóa"}
    assert (
        kinds["Lao động tiên tiến"].recipient_type,
        kinds["Lao động tiên tiến"].prints_certificate,
    ) == ("individual", False)
    assert kinds["Gia đình văn hóa"].recipient_type == "household"
    decision = Decision.objects.get(number="15/QĐ-UBND")
    assert decision.status == "issued" and decision.movement.year == 2022
    assert str(decision.signed_on) == "2023-01-17"
    assert decision.signer_name == "Nguyễn Quang Minh" and decision.signer_title == "CHỦ TỊCH"
    assert decision.commendations.filter(recipient_type="collective").count() == 3
    assert decision.commendations.filter(recipient_type="individual").count() == 9
    # DOMAIN.md "Money": 3 x 450.000 + 9 x 230.000 (Nghị định 91/2017, 1.490.000 đ).
    assert sum(decision.commendations.values_list("bonus_amount", flat=True)) == 3420000
    collective = decision.commendations.filter(recipient_type="collective").first()
    individual = decision.commendations.filter(recipient_type="individual").first()
    assert (collective.bonus_amount, individual.bonus_amount) == (450000, 230000)
