"""The weekly brief: a static, self-contained HTML report of the incidents in a date range (map, weekly trends,
top actors, events with links to their sources), viewable offline.

    from incidents.report import build_report, write_report
    html = build_report(conn, date_from, date_to, country="Mali")
"""
from incidents.report.data import ReportData, load_report_data
from incidents.report.render import build_report, write_report

__all__ = ["ReportData", "build_report", "load_report_data", "write_report"]
