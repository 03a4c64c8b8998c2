"""Three clerks issuing at the same moment: every decision goes through, numbers contiguous.

Runs on PostgreSQL (CI's second pass), where issuing really happens in parallel; SQLite
serialises every write, so there is nothing to race.
"""

import datetime
import threading

import pytest
from django.db import connection, connections

from awards.models import Commendation, Decision
from awards.services import issue_decision
from tests import factories
from tests.factories import CommendationFactory, DecisionFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="parallel issuing needs PostgreSQL"
)


# Committed rows, as the threads' own connections need; serialized like the backup test's
# so that the next transactional test starts from the same database.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_ten_decisions_from_three_threads_take_contiguous_register_numbers():
    clerks = [factories.clerk(username=f"clerk{n}") for n in range(3)]
    decisions = []
    for n in range(10):
        decision = DecisionFactory(number=f"{n + 1}/QĐ-UBND", signed_on=datetime.date(2023, 1, 17))
        for _ in range(1 + n % 3):
            CommendationFactory(decision=decision)
        decisions.append(decision)
    errors = []
    start = threading.Barrier(3)

    def issue(clerk, mine):
        try:
            start.wait()
            for decision in mine:
                issue_decision(decision, clerk)
        except Exception as error:  # collected and reported below
            errors.append(repr(error))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(clerks[i], decisions[i::3])) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert set(Decision.objects.values_list("status", flat=True)) == {"issued"}
    numbers = sorted(Commendation.objects.values_list("register_number", flat=True))
    assert numbers == list(range(1, Commendation.objects.count() + 1))
    # Each decision's recipients are one unbroken run of numbers.
    for decision in Decision.objects.all():
        own = sorted(decision.commendations.values_list("register_number", flat=True))
        assert own == list(range(own[0], own[0] + len(own)))
