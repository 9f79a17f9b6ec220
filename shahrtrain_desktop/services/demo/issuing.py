"""Stage 6: a certificate for every trainee who passed, at the step its offering has reached.

Closed offerings have their certificates issued (numbered per Jalali year of issue, in issue
order, printed fields frozen as JSON); recently finished ones are still being processed
(candidate → reviewed → approved). A few issued certificates were revoked and re-issued with a
correction, the new one pointing at the one it replaces.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from shahrtrain_desktop.models.enums import CertificateStatus, OfferingStatus, Role
from shahrtrain_desktop.persian import format_jalali, to_jalali
from shahrtrain_desktop.services.demo import vocabulary
from shahrtrain_desktop.services.demo.context import Context
from shahrtrain_desktop.services.demo.delivery import Passed
from shahrtrain_desktop.services.demo.plan import OfferingPlan
from shahrtrain_desktop.services.demo.registry import Org, Population
from shahrtrain_desktop.services.demo.tables import CERTIFICATE
from shahrtrain_desktop.services.labels import label

REVOKE_EVERY = 40
DUPLICATE_SHARE = 0.05


@dataclass(slots=True)
class Issue:
    day: date
    order: int
    passed: Passed
    plan: OfferingPlan
    revoked_on: date | None = None
    reason: int = 0
    replaces: bool = False


class CertificateWriter:
    def __init__(self, ctx: Context, plans: list[OfferingPlan], pop: Population, org: Org):
        self.ctx = ctx
        self.plans = plans
        self.pop = pop
        self.org = org
        self.officer = ctx.users[Role.OFFICER]
        self.approver = ctx.users[Role.APPROVER]
        self._jalali: dict[date, str] = {}
        self._serials: dict[int, int] = {}
        self._issued_ids: dict[int, int] = {}
        self._plan_stamps: dict[int, tuple[datetime, datetime, datetime]] = {}
        self._years: dict[date, int] = {}

    def jalali(self, day: date) -> str:
        text = self._jalali.get(day)
        if text is None:
            text = self._jalali[day] = format_jalali(day, persian_digits=False)
        return text

    def write(self, passed: list[Passed]) -> None:
        ctx = self.ctx
        issues: list[Issue] = []
        by_plan: dict[int, list[Passed]] = {}
        for item in passed:
            by_plan.setdefault(item.plan, []).append(item)
        for plan_index, items in by_plan.items():
            plan = self.plans[plan_index]
            if plan.status == OfferingStatus.CLOSED:
                day = min(plan.end + timedelta(days=ctx.rng.randint(10, 30)), ctx.today)
                issues.extend(Issue(day, len(issues) + n, p, plan) for n, p in enumerate(items))
            else:
                self._in_progress(plan, items)
        issues.sort(key=lambda issue: (issue.day, issue.order))
        self._revoke_some(issues)
        issues.sort(key=lambda issue: (issue.day, issue.order, issue.replaces))
        for issue in issues:
            self._issued(issue)

    def _in_progress(self, plan: OfferingPlan, items: list[Passed]) -> None:
        """Certificates of a finished offering, part way through review and approval."""
        ctx = self.ctx
        age = (ctx.today - plan.end).days
        count = len(items)
        approved = round(count * min(0.7, age / 30))
        reviewed = round(count * 0.3)
        if count >= 3:
            approved = min(max(approved, 1), count - 2)
            reviewed = min(max(reviewed, 1), count - approved - 1)
        order = ctx.rng.sample(items, k=count)
        for n, item in enumerate(order):
            if n < approved:
                status = CertificateStatus.APPROVED
            elif n < approved + reviewed:
                status = CertificateStatus.REVIEWED
            else:
                status = CertificateStatus.CANDIDATE
            self._row(item, plan, status)

    def _revoke_some(self, issues: list[Issue]) -> None:
        ctx = self.ctx
        if not issues:
            return
        replacements = []
        for position in range(min(5, len(issues) - 1), len(issues), REVOKE_EVERY):
            issue = issues[position]
            revoked_on = issue.day + timedelta(days=ctx.rng.randint(5, 60))
            if revoked_on > ctx.today:
                continue
            issue.revoked_on = revoked_on
            issue.reason = ctx.rng.randrange(len(vocabulary.REVOKE_REASONS))
            replacements.append(
                Issue(revoked_on, issue.order, issue.passed, issue.plan, replaces=True)
            )
        issues.extend(replacements)

    def _stamps(self, plan: OfferingPlan) -> tuple[datetime, datetime, datetime]:
        """Created, reviewed, approved: an offering's certificates are handled as a batch."""
        stamps = self._plan_stamps.get(plan.id)
        if stamps is None:
            ctx = self.ctx
            created = min(plan.end + timedelta(days=3), ctx.today)
            reviewed = min(created + timedelta(days=ctx.rng.randint(1, 6)), ctx.today)
            approved = min(reviewed + timedelta(days=ctx.rng.randint(1, 5)), ctx.today)
            stamps = ctx.at(created, 10), ctx.at(reviewed, 11), ctx.at(approved, 12)
            self._plan_stamps[plan.id] = stamps
        return stamps

    def _row(
        self,
        item: Passed,
        plan: OfferingPlan,
        status: CertificateStatus,
        issue: Issue | None = None,
    ) -> int:
        ctx = self.ctx
        w = ctx.writer
        created, reviewed_at, approved_at = self._stamps(plan)
        has_review = status != CertificateStatus.CANDIDATE
        has_approval = status not in (CertificateStatus.CANDIDATE, CertificateStatus.REVIEWED)
        year = serial = number = issue_day = fields = issued_at = None
        print_count = duplicates = 0
        printed_at = revoked_at = revoked_by = revoke_reason = replaces_id = None
        updated = approved_at if has_approval else reviewed_at if has_review else created
        score = item.score
        if issue is not None:
            issue_day = issue.day
            year = self._years.get(issue.day) or self._years.setdefault(
                issue.day, to_jalali(issue.day)[0]
            )
            serial = self._serials[year] = self._serials.get(year, 0) + 1
            number = ctx.number_format.format(year=year, office=ctx.office_code, serial=serial)
            issued_at = printed_at = updated = ctx.at(issue.day, 10)
            if issue.replaces:
                reviewed_at = approved_at = ctx.at(issue.day, 9)
                replaces_id = self._issued_ids[item.enrolment_id]
            print_count = 1
            if ctx.rng.random() < DUPLICATE_SHARE:
                print_count, duplicates = 2, 1
                printed_at = ctx.at(ctx.between(issue.day, ctx.today), 13)
                updated = printed_at
            if issue.revoked_on is not None and issue.reason == 2:
                score = max(0.0, score - 1.0)  # the score that was later corrected
            fields = self._printed_fields(item, plan, number, issue, score)
            if issue.revoked_on is not None:
                revoked_at = updated = ctx.at(issue.revoked_on, 14)
                revoked_by = self.approver
                revoke_reason = vocabulary.REVOKE_REASONS[issue.reason]
        certificate_id = w.next_id(CERTIFICATE)
        w.add(
            CERTIFICATE,
            (
                certificate_id, item.enrolment_id, status.value, plan.course.spec.hours, score,
                ctx.office_code if issue else None, year, serial, number, issue_day, fields,
                self.officer if has_review else None, reviewed_at if has_review else None,
                self.approver if has_approval else None, approved_at if has_approval else None,
                self.officer if issue else None, issued_at, print_count, duplicates, printed_at,
                revoked_at, revoked_by, revoke_reason, replaces_id, created, updated, 1,
            ),
        )  # fmt: skip
        return certificate_id

    def _issued(self, issue: Issue) -> None:
        status = CertificateStatus.REVOKED if issue.revoked_on else CertificateStatus.ISSUED
        certificate_id = self._row(issue.passed, issue.plan, status, issue)
        if issue.revoked_on is not None:  # its replacement will point at it
            self._issued_ids[issue.passed.enrolment_id] = certificate_id

    def _printed_fields(
        self, item: Passed, plan: OfferingPlan, number: str, issue: Issue, score: float
    ) -> str:
        """What was printed, frozen; the revoked original carries the mistake it was revoked
        for (a misspelt name, a mistyped code, an uncorrected score)."""
        pop = self.pop
        i = item.person
        last = pop.last_names[i]
        code = pop.codes[i]
        if issue.revoked_on is not None and issue.reason == 0:
            last = last.replace("\u200c", " ") if "\u200c" in last else last[:-1]
        elif issue.revoked_on is not None and issue.reason == 1:
            code = code[:3] + code[4] + code[3] + code[5:]
        spec = plan.course.spec
        fields = {
            "holder_name": f"{pop.first_names[i]} {last}",
            "father_name": pop.father_names[i],
            "national_code": code,
            "category": label(pop.categories[i]),
            "org_unit": self.org.unit_names[pop.units[i]],
            "course_title": spec.title,
            "course_code": spec.code,
            "hours": spec.hours,
            "start_date": self.jalali(plan.start),
            "end_date": self.jalali(plan.end),
            "score": score,
            "number": number,
            "issue_date": self.jalali(issue.day),
        }
        return json.dumps(fields, ensure_ascii=False)
