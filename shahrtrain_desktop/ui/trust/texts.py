"""Persian texts of the trust dialogs (log-in, setup, users, settings, audit, backups)."""

from __future__ import annotations

from shahrtrain_desktop.models.enums import AuditAction

OK = "تأیید"
CANCEL = "انصراف"
CLOSE = "بستن"
SAVE = "ذخیره"
BROWSE = "انتخاب…"
CLEAR = "پاک کردن"
IMAGE_FILTER = "تصویر (*.png *.jpg *.jpeg *.svg)"

# Log-in.
LOGIN_TITLE = "ورود به شهرآموز"
LOGIN_HEADING = "برای ادامه با نام کاربری و گذرواژهٔ خود وارد شوید."
LOGIN_BUTTON = "ورود"
USERNAME = "نام کاربری:"
PASSWORD = "گذرواژه:"
LOCKED_WAIT = "حساب موقتاً قفل است؛ {duration} دیگر دوباره تلاش کنید."

# Change password.
CHANGE_PASSWORD_TITLE = "تغییر گذرواژه"
OLD_PASSWORD = "گذرواژهٔ فعلی:"
NEW_PASSWORD = "گذرواژهٔ تازه:"
REPEAT_PASSWORD = "تکرار گذرواژهٔ تازه:"
PASSWORDS_DIFFER = "گذرواژهٔ تازه و تکرار آن یکی نیستند."
PASSWORD_CHANGED = "گذرواژه تغییر کرد."

# Setup wizard.
SETUP_TITLE = "راه‌اندازی شهرآموز"
SETUP_WELCOME_TITLE = "خوش آمدید"
SETUP_WELCOME = (
    "این پایگاه داده هنوز کاربری ندارد. در چند گام کاربر مدیر سامانه، مشخصات دفتر و "
    "کلید امضای گواهی‌نامه‌ها ساخته می‌شود.\n\n"
    "گذرواژهٔ مدیر را جایی امن نگه دارید: بدون آن نمی‌توان کاربر تازه ساخت یا تنظیمات را تغییر داد."
)
SETUP_ADMIN_TITLE = "کاربر مدیر سامانه"
SETUP_ADMIN_SUBTITLE = "مدیر سامانه کاربران، تنظیمات دفتر، کلید امضا و پشتیبان‌ها را مدیریت می‌کند."
FULL_NAME = "نام و نام خانوادگی:"
SETUP_OFFICE_TITLE = "مشخصات دفتر"
SETUP_OFFICE_SUBTITLE = "این مشخصات روی گواهی‌نامه‌ها و گزارش‌ها چاپ می‌شود و بعداً هم قابل تغییر است."
SETUP_SIGNATORIES_TITLE = "امضاکنندگان گواهی‌نامه"
SETUP_SIGNATORIES_SUBTITLE = "نام، سمت و تصویر امضای دو امضاکنندهٔ گواهی‌نامه‌ها."
SETUP_KEY_TITLE = "کلید امضای دفتر"
SETUP_KEY = (
    "با پایان راه‌اندازی، کلید امضای دیجیتال دفتر (Ed25519) روی همین رایانه ساخته می‌شود. "
    "کد QR هر گواهی‌نامه با این کلید امضا می‌شود تا هر کس بتواند اصالت آن را بررسی کند.\n\n"
    "رمز کلید فقط در پوشهٔ داده‌های همین رایانه نگه داشته می‌شود؛ گواهی‌نامه را فقط در "
    "همین رایانه می‌توان امضا کرد."
)
SETUP_FAILED = "راه‌اندازی انجام نشد:\n{error}"

# Office profile form.
PROVINCE = "استان:"
OFFICE_NAME = "نام دفتر:"
OFFICE_CODE = "کد دفتر (حروف لاتین یا رقم):"
LOGO = "نشان (لوگو):"
SIGNATORY = "امضاکنندهٔ {number}"
SIGNATORY_NAME = "نام:"
SIGNATORY_TITLE = "سمت:"
SIGNATURE_IMAGE = "تصویر امضا:"
NO_FILE = "(انتخاب نشده)"
FIELD_REQUIRED = "«{field}» را وارد کنید."
OFFICE_CODE_INVALID = "کد دفتر فقط حروف لاتین و رقم (۲ تا ۱۰ نویسه) می‌تواند باشد؛ مانند QZ."
FILE_MISSING = "فایل «{field}» پیدا نشد: {path}"

# Office settings.
SETTINGS_TITLE = "تنظیمات دفتر"
TAB_PROFILE = "مشخصات دفتر"
TAB_SIGNATORIES = "امضاکنندگان"
TAB_RULES = "قواعد"
MIN_ATTENDANCE = "حداقل حضور برای قبولی:"
MIN_SCORE = "حداقل نمره برای قبولی (از ۲۰):"
REQUIRE_EXECUTIVE = "دوره بدون مصوبهٔ کمیتهٔ اجرایی آموزش استان به حساب نیاید"
REQUIRE_STEERING = "دوره بدون تأیید کمیتهٔ راهبری سازمان به حساب نیاید"
MIN_HOURS_STAFF = "حداقل ساعت آموزش سالانهٔ کارکنان:"
MIN_HOURS_MANAGERS = "حداقل ساعت آموزش سالانهٔ مدیران:"
HOURS_SUFFIX = " ساعت"
PERCENT_SUFFIX = " درصد"
SETTINGS_SAVED = "تنظیمات دفتر ذخیره شد."

# Users.
USERS_TITLE = "کاربران"
USERS_HEADERS = ("نام کاربری", "نام و نام خانوادگی", "نقش", "وضعیت", "آخرین ورود")
ACTIVE = "فعال"
DISABLED = "غیرفعال"
LOCKED = "قفل تا {time}"
ADD_USER = "افزودن کاربر…"
DISABLE_USER = "غیرفعال کردن"
ENABLE_USER = "فعال کردن"
RESET_PASSWORD = "گذرواژهٔ تازه…"
CHANGE_ROLE = "تغییر نقش…"
ROLE = "نقش:"
NEW_USER_TITLE = "کاربر تازه"
RESET_PASSWORD_TITLE = "گذرواژهٔ تازه برای «{user}»"
CHANGE_ROLE_TITLE = "نقش «{user}»"
PASSWORD_RESET_DONE = "گذرواژهٔ «{user}» تغییر کرد؛ آن را به خود او بدهید."
CONFIRM_DISABLE = "حساب «{user}» غیرفعال شود؟ او دیگر نمی‌تواند وارد شود یا کاری انجام دهد."

# Audit viewer.
AUDIT_TITLE = "دفتر رویدادها"
AUDIT_HEADERS = ("شماره", "زمان", "کاربر", "کار", "موجودیت", "شناسه")
ALL_USERS = "همهٔ کاربران"
ALL_ENTITIES = "همهٔ موجودیت‌ها"
ALL_ACTIONS = "همهٔ کارها"
VERIFY_CHAIN = "بررسی زنجیره"
VERIFYING = "در حال بررسی زنجیرهٔ دفتر رویدادها…"
CHAIN_OK = "زنجیرهٔ دفتر رویدادها سالم است: {count} رویداد بررسی شد و هیچ ردیفی تغییر نکرده است."
CHAIN_BROKEN = (
    "زنجیرهٔ دفتر رویدادها در ردیف شمارهٔ {id} شکسته است.\n{reason}\n"
    "{count} رویداد پیش از آن سالم بود."
)
BEFORE = "پیش از تغییر:"
AFTER = "پس از تغییر:"
ACTION_LABELS: dict[AuditAction, str] = {
    AuditAction.INSERT: "افزودن",
    AuditAction.UPDATE: "ویرایش",
    AuditAction.DELETE: "حذف",
    AuditAction.LOGIN: "ورود",
    AuditAction.EVENT: "رویداد",
}

# Backup and restore.
BACKUP_TITLE = "پشتیبان‌گیری"
BACKUP_FILTER = "پشتیبان شهرآموز (*.sqlite3);;همهٔ فایل‌ها (*)"
BACKUP_RUNNING = "در حال پشتیبان‌گیری…"
BACKUP_DONE = "نسخهٔ پشتیبان ساخته و بررسی شد:\n{path}"
BACKUP_NEEDS_SQLITE = (
    "این میز به سرور PostgreSQL وصل است؛ پشتیبان‌گیری از سرور با pg_dump انجام می‌شود "
    "(راهنمای برنامه را ببینید)."
)
RESTORE_TITLE = "بازگردانی از پشتیبان"
RESTORE_CONFIRM = (
    "همهٔ داده‌های فعلی با محتوای این نسخهٔ پشتیبان جایگزین می‌شود:\n{path}\n\n"
    "یک نسخه از پایگاه دادهٔ فعلی پیش از جایگزینی در پوشهٔ پشتیبان‌ها نگه داشته می‌شود. "
    "پس از بازگردانی باید دوباره وارد شوید. ادامه می‌دهید؟"
)
RESTORE_DONE = (
    "بازگردانی انجام شد. نسخه‌ای از پایگاه دادهٔ پیشین اینجا نگه داشته شد:\n{path}\n\n"
    "اکنون دوباره وارد شوید."
)
RESTORE_FAILED = "بازگردانی انجام نشد:\n{error}"
REOPEN_FAILED = "پایگاه داده پس از بازگردانی باز نشد:\n{error}"
DAILY_BACKUP_DONE = "پشتیبان روزانه ساخته شد: {path}"
DAILY_BACKUP_FAILED = "پشتیبان روزانه ساخته نشد: {error}"

# Main window additions.
MENU_ACCOUNT = "حساب کاربری"
MENU_MANAGE = "مدیریت"
ACTION_CHANGE_PASSWORD = "تغییر گذرواژه…"
ACTION_SIGN_OUT = "خروج از حساب/تغییر کاربر"
ACTION_USERS = "کاربران…"
ACTION_OFFICE_SETTINGS = "تنظیمات دفتر…"
ACTION_AUDIT = "دفتر رویدادها…"
ACTION_BACKUP = "پشتیبان‌گیری…"
ACTION_RESTORE = "بازگردانی…"
STATUS_USER = "کاربر: {name} ({role})"

# What the audit trail's entity codes (table names and event names) mean to an officer.
ENTITY_LABELS: dict[str, str] = {
    "app_user": "کاربر",
    "assessment": "نمره",
    "attendance": "حضور و غیاب",
    "certificate": "گواهی‌نامه",
    "checklist_item": "بند فهرست نظارت",
    "corrective_action": "اقدام اصلاحی",
    "county": "شهرستان",
    "course": "درس",
    "course_category": "گروه درس",
    "course_prerequisite": "پیش‌نیاز درس",
    "course_session": "جلسهٔ دوره",
    "document": "نامه و سند",
    "enrolment": "ثبت‌نام در دوره",
    "evaluation_answer": "پاسخ ارزشیابی",
    "evaluation_item": "پرسش ارزشیابی",
    "export_record": "برون‌بری سالانه",
    "follow_up": "پیگیری",
    "instructor": "مدرس",
    "need": "نیاز آموزشی",
    "offering": "دوره",
    "offering_instructor": "مدرس دوره",
    "offering_need": "نیاز دوره",
    "org_unit": "واحد سازمانی",
    "person": "فراگیر",
    "setting": "تنظیمات",
    "signing_key": "کلید امضا",
    "supervision_visit": "بازدید نظارتی",
    "venue": "محل برگزاری",
    "visit_checklist_score": "امتیاز بازدید",
    "login_failed": "ورود ناموفق",
    "logout": "خروج از حساب",
    "demo": "دادهٔ نمونه",
}


def entity_label(code: str | None) -> str:
    """«فراگیر (person)» — the Persian name, with the code kept for whoever reads the log raw."""
    if not code:
        return ""
    name = ENTITY_LABELS.get(code)
    return f"{name} ({code})" if name else code
