"""BKN and the PPK see a case only once the procedure puts it in their hands (UU PDP).

BKN: an ASN's case forwarded to the ASN-neutrality authority, from FORWARDED on; never a TNI,
Polri or village case. The PPK: a case of its region from AWAITING_PPK on; never a report before
registration or a case under study. Outside that, every entry point answers as for a case of
another region (404, or absent from lists and exports); the recap's counts stay as before.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.db.models import Q
from django.test import Client

from netra.accounts.services import issue_token
from netra.cases.scope import can_act_on_case
from netra.cases.selectors import (
    cases_for_export,
    cases_visible_to,
    recap_cases,
)
from netra.cases.services import confirm_classification, new_upload
from netra.procedure import CaseState
from tests.security.conftest import real_png
from tests.steps import TO_SANCTION, step, walk

pytestmark = pytest.mark.django_db

S = CaseState
DAY = date(2024, 10, 4)
ROLES = ("bkn_analyst", "ppk_bogor", "panwas_bogor", "viewer_bogor")

# The road of an ASN violation to the sanction and its close, with who sees the case at each
# state: the Bawaslu office and the viewer always, BKN from FORWARDED, the PPK from AWAITING_PPK.
ROAD = (S.RECEIVED, *TO_SANCTION, S.CLOSED)
BKN_FROM = ROAD.index(S.FORWARDED)
PPK_FROM = ROAD.index(S.AWAITING_PPK)


def _expected(who: str, index: int) -> bool:
    if who == "bkn_analyst":
        return index >= BKN_FROM
    if who == "ppk_bogor":
        return index >= PPK_FROM
    return True


def _api(user: Any) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Bearer {issue_token(user, actor=None).secret}")


def _sees(user: Any, case: Any, desk: Client) -> dict[str, bool]:
    """Whether `user` reaches `case` through each entry point that shows a case's detail."""
    listed = _api(user).get("/api/v1/cases").json()["items"]
    return {
        "selector": cases_visible_to(user).filter(pk=case.pk).exists(),
        "scope": can_act_on_case(user, case),
        "export": cases_for_export(user).filter(pk=case.pk).exists(),
        "api_detail": _api(user).get(f"/api/v1/cases/{case.pk}").status_code == 200,
        "api_list": any(item["id"] == case.pk for item in listed),
        "api_search": any(
            item["id"] == case.pk
            for item in _api(user).get(f"/api/v1/cases?q={case.number}").json()["items"]
        ),
        "desk_page": desk.get(f"/desk/kasus/{case.pk}/").status_code == 200,
    }


@pytest.fixture
def road_case(file_report: Any) -> Any:
    return file_report().case


def test_each_role_sees_the_case_at_each_state_of_the_road(road_case, full_cast):
    case = road_case
    clients = {}
    for who in ROLES:
        clients[who] = Client()
        clients[who].force_login(full_cast[who])
    for index, state in enumerate(ROAD):
        if index:
            if state is S.CLOSED:
                step(case, state, full_cast["ppk_bogor"], DAY)
            else:
                walk(case, (state,), cast=full_cast, day=DAY)
        assert case.state == state.value
        for who in ROLES:
            seen = _sees(full_cast[who], case, clients[who])
            want = _expected(who, index)
            assert seen == dict.fromkeys(seen, want), (who, state.value, seen)


def _decided(case: Any, full_cast: dict[str, Any], subject: str) -> Any:
    confirm_classification(
        case, category=4, acts=["campaign_attendance"], subject_type=subject,
        actor=full_cast["panwas_bogor"],
    )  # fmt: skip
    return walk(
        case,
        (S.FORMAL_MATERIAL_CHECK, S.REGISTERED, S.CLARIFICATION_STUDY, S.DECIDED_VIOLATION),
        cast=full_cast,
        day=DAY,
    )


@pytest.mark.parametrize("subject", ["tni", "polri", "village_head"])
def test_a_case_forwarded_to_its_own_authority_is_never_bkn_s(file_report, full_cast, subject):
    case = _decided(file_report().case, full_cast, subject)
    recipient = {"tni": "tni", "polri": "polri"}.get(subject, "regional_government")
    step(case, S.FORWARDED, full_cast["panwas_bogor"], DAY, recipient=recipient)
    for who in ("bkn_analyst", "ppk_bogor"):
        assert not can_act_on_case(full_cast[who], case)
        assert _api(full_cast[who]).get(f"/api/v1/cases/{case.pk}").status_code == 404
    step(case, S.CLOSED, full_cast["panwas_bogor"], DAY)
    for who in ("bkn_analyst", "ppk_bogor"):
        assert not cases_visible_to(full_cast[who]).filter(pk=case.pk).exists()


def test_an_asn_case_forwarded_elsewhere_or_closed_by_bawaslu_stays_with_bawaslu(
    file_report, full_cast
):
    to_dkpp = _decided(file_report().case, full_cast, "pns")
    step(to_dkpp, S.FORWARDED, full_cast["panwas_bogor"], DAY, recipient="dkpp")
    closed = _decided(file_report().case, full_cast, "pns")
    step(closed, S.CLOSED, full_cast["panwas_bogor"], DAY)
    for case in (to_dkpp, closed):
        for who in ("bkn_analyst", "ppk_bogor"):
            assert not cases_visible_to(full_cast[who]).filter(pk=case.pk).exists()
        assert cases_visible_to(full_cast["panwas_bogor"]).filter(pk=case.pk).exists()


def test_a_pj_kepala_daerah_s_case_forwarded_to_bkn_is_bkn_s(file_report, full_cast):
    # A Pj is a senior ASN appointed to the post: BKN judges the case, so BKN must see it.
    case = _decided(file_report().case, full_cast, "acting_regional_head")
    step(case, S.FORWARDED, full_cast["panwas_bogor"], DAY, recipient="bkn")
    assert can_act_on_case(full_cast["bkn_analyst"], case)
    assert _api(full_cast["bkn_analyst"]).get(f"/api/v1/cases/{case.pk}").status_code == 200
    assert not can_act_on_case(full_cast["ppk_bogor"], case)


def test_a_case_bkn_turned_down_is_bkn_s_and_never_the_ppk_s(file_report, full_cast):
    case = _decided(file_report().case, full_cast, "pppk")
    walk(case, (S.FORWARDED, S.BKN_VERIFICATION, S.BKN_REJECTED), cast=full_cast, day=DAY)
    assert can_act_on_case(full_cast["bkn_analyst"], case)
    assert not can_act_on_case(full_cast["ppk_bogor"], case)


def test_a_separated_official_s_case_stays_with_the_ppk_that_held_it(file_report, full_cast):
    case = _decided(file_report().case, full_cast, "asn")
    walk(case, (S.FORWARDED, S.AWAITING_PPK), cast=full_cast, day=DAY)
    step(case, S.ASN_ALREADY_SEPARATED, full_cast["ppk_bogor"], DAY)
    assert can_act_on_case(full_cast["ppk_bogor"], case)
    assert can_act_on_case(full_cast["bkn_analyst"], case)


def test_evidence_and_letters_follow_the_case_s_scope(file_report, full_cast):
    from netra.cases.services import add_evidence
    from netra.documents.services import DocumentKind, generate_document
    from tests.steps import at

    case = _decided(file_report().case, full_cast, "pns")
    evidence = add_evidence(
        case,
        actor=full_cast["panwas_bogor"],
        upload=new_upload("a.png", real_png()),
        now=at(DAY)["now"],
    )
    letter = generate_document(full_cast["panwas_bogor"], case.pk, DocumentKind.STUDY, **at(DAY))
    urls = (
        f"/desk/kasus/{case.pk}/bukti/{evidence.pk}/",
        f"/desk/dokumen/{letter.pk}/",
    )
    api_url = f"/api/v1/cases/{case.pk}/evidence/{evidence.pk}"

    def reached(who: str) -> list[int]:
        desk = Client()
        desk.force_login(full_cast[who])
        codes = [desk.get(url).status_code for url in urls]
        return [*codes, _api(full_cast[who]).get(api_url).status_code]

    assert reached("ppk_bogor") == [404, 404, 404]
    assert reached("bkn_analyst") == [404, 404, 404]
    walk(case, (S.FORWARDED, S.AWAITING_PPK), cast=full_cast, day=DAY)
    assert reached("ppk_bogor") == [200, 200, 200]
    assert reached("bkn_analyst") == [200, 200, 200]


def test_the_recap_still_counts_every_case_of_the_scope(file_report, full_cast):
    file_report()
    file_report()
    for who in ("bkn_analyst", "ppk_bogor"):
        assert recap_cases(full_cast[who]).count() == 2
        assert not cases_visible_to(full_cast[who]).exists()


def test_staff_notices_name_no_case_the_ppk_cannot_see(file_report, full_cast):
    from netra.cases.notices import send_deadline_digest, tell_assignee
    from netra.notifications.models import Notification
    from tests.steps import at

    case = file_report().case
    # An assignment made while the case was in the PPK's hands would survive a reopening; here the
    # row is set directly, as the service itself refuses the PPK before AWAITING_PPK.
    case.assigned_to = full_cast["ppk_bogor"]
    case.save(update_fields=["assigned_to"])
    assert tell_assignee(case, now=at(DAY)["now"]) == 0
    send_deadline_digest(today=DAY, now=at(DAY)["now"])
    assert not Notification.objects.filter(user=full_cast["ppk_bogor"]).exists()


def test_the_monitoring_queue_is_closed_to_bkn_and_the_ppk(full_cast):
    from netra.monitoring.scope import group_filter, sees_monitoring

    for who in ("bkn_analyst", "ppk_bogor"):
        assert not sees_monitoring(full_cast[who])
        assert group_filter(full_cast[who]) == Q(pk__in=[])
    assert sees_monitoring(full_cast["panwas_bogor"])
    assert sees_monitoring(full_cast["viewer_bogor"])


def test_the_menu_offers_the_monitoring_queue_only_to_those_who_see_it(full_cast):
    for who, offered in (("bkn_analyst", False), ("ppk_bogor", False), ("panwas_bogor", True)):
        client = Client()
        client.force_login(full_cast[who])
        page = client.get("/desk/").content.decode()
        assert ('href="/desk/pantauan/"' in page) is offered, who
