"""Every user-visible text of the window, in Persian, in one place."""

from __future__ import annotations


def ltr(text: object) -> str:
    """Isolate a code or a path left to right inside Persian text: else «1405-3011-002» shows
    its parts reversed and «/tmp/a.zip» as «tmp/a.zip/» (Qt honours the isolates)."""
    return f"\u2066{text}\u2069"


APP_TITLE = "شهرآموز — سامانهٔ آموزش شهرداری‌ها و شوراها"
APP_SHORT = "شهرآموز"

# Tabs, in stage order.
TAB_NEEDS = "نیازسنجی"
TAB_PEOPLE = "ثبت‌نام"
TAB_OFFERINGS = "طراحی و برنامه‌ریزی"
TAB_DELIVERY = "اجرای آموزش"
TAB_OUTCOMES = "بروندادها"
TAB_CERTIFICATES = "گواهی‌نامه‌ها"
TAB_SUPERVISION = "نظارت و پایش"

# Menus and actions.
MENU_FILE = "پرونده"
MENU_HELP = "راهنما"
ACTION_REFRESH = "بازخوانی"
ACTION_DEMO = "ساخت دادهٔ نمونه…"
ACTION_DATA_FOLDER = "پوشهٔ داده‌ها"
ACTION_QUIT = "خروج"
ACTION_ABOUT = "دربارهٔ برنامه"

# Filters.
ALL = "همه"
ALL_YEARS = "همهٔ سال‌ها"
YEAR = "سال"
FROM_DATE = "از تاریخ"
TO_DATE = "تا تاریخ"
SEARCH_PEOPLE = "جستجو: نام، کد ملی یا تلفن همراه…"
SEARCH_HOLDER = "جستجوی دارنده: نام یا کد ملی…"
SEARCH_TRAINEE = "جستجوی فراگیر: نام یا کد ملی…"
ROWS = "{count} ردیف"

# Status bar.
# The path is isolated left to right, or «/tmp/a.sqlite3» shows as «tmp/a.sqlite3/».
STATUS_DATABASE = "پایگاه داده: {name}"
STATUS_TODAY = "امروز: {date}"
STATUS_UPGRADED = "طرح‌وارهٔ پایگاه داده به‌روز شد؛ نسخهٔ پشتیبان: {path}"
STATUS_DEMO_DONE = "دادهٔ نمونه ساخته شد."
STATUS_CANCELLED = "کار لغو شد؛ چیزی تغییر نکرد."

# Supervision headline.
HEADLINE_TITLE = "کارنامهٔ سال {year}"

# Demo data.
DEMO_TITLE = "ساخت دادهٔ نمونه"
DEMO_PROMPT = (
    "دادهٔ نمونه برای آزمودن برنامه به پایگاه دادهٔ کنونی افزوده می‌شود.\n"
    "تعداد افراد (فراگیران) را وارد کنید:"
)
DEMO_PROGRESS = "در حال ساخت دادهٔ نمونه…"
DEMO_OK = "ساختن"
DEMO_CANCEL = "انصراف"

# Progress and errors.
CANCEL = "لغو"
WORKING = "در حال انجام…"
ERROR_TITLE = "خطا"
WORK_FAILED = "کار انجام نشد:\n{error}"
OPEN_FAILED_TITLE = "باز کردن پایگاه داده"
OPEN_FAILED = "پایگاه داده باز نشد:\n{error}"

# About.
ABOUT_TITLE = "دربارهٔ شهرآموز"
ABOUT_TEXT = (
    "<h3>شهرآموز</h3>"
    "<p>سامانهٔ آموزش و صدور گواهی‌نامهٔ شهرداری‌ها و شوراهای اسلامی شهر</p>"
    "<p>نسخهٔ {version}</p>"
    "<p>قلم وزیرمتن (Vazirmatn) اثر صابر راستی‌کردار است و با پروانهٔ "
    "SIL Open Font License 1.1 همراه برنامه عرضه می‌شود؛ متن پروانه در پوشهٔ قلم‌ها "
    "(OFL.txt) آمده است.</p>"
)
