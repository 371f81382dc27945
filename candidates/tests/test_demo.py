from accounts import demo as accounts_demo
from candidates import demo
from candidates.models import CandidateProfile


def test_seed_is_idempotent_and_bulk_mode_adds_profiles(db):
    accounts_demo.seed(options={}, log=lambda message: None)
    demo.seed(options={"seed": 1}, log=lambda message: None)
    demo.seed(options={"seed": 1, "candidates": 25}, log=lambda message: None)
    assert CandidateProfile.objects.count() == 1 + 30 + 25
    rich = CandidateProfile.objects.get(user__email="candidate@hotgigs.test")
    assert rich.skills.count() == 3 and rich.visibility == "public"
