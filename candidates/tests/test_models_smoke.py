from candidates.models import CandidateProfile


def test_profile_table_exists(alice):
    profile = CandidateProfile.objects.create(user=alice)
    assert alice.candidate_profile == profile
