//! The monthly KPI report and the quarterly PMO report: the seed 003 KPIs in its own groups,
//! DORA's two figures, four quarters of trend as charts, the tables behind the figures, the next
//! period's roadmap and how every figure is counted.

use runway_domain::report::KpiReport;
use runway_domain::roadmap::Layout;

use super::{apps, day, days, maybe_day, or_dash, percent, release_cell, signed};
use crate::chart::{self, Chart, PALETTE, Series};
use crate::compose::{Cell, Column, Composer};
use crate::page::Rgb;
use crate::poster::{self, PosterOptions};

fn count_color(n: u32, bad: bool) -> Rgb {
    if n > 0 && bad { Rgb::BAD } else { Rgb::ACCENT }
}

/// Lays out `r` as the quarterly PMO report (`quarterly`) or the monthly KPI report; `roadmap`
/// is the plan's roadmap layout, drawn for the next period as the app shows it.
pub fn render(c: &mut Composer, r: &KpiReport, quarterly: bool, roadmap: &Layout) {
    let name = if quarterly { "Quarterly PMO report" } else { "Monthly KPI report" };
    c.title_block(
        &format!("{name} · {}", r.period.label),
        &format!("{} · {} to {}", r.plan, day(r.period.from), day(r.period.to)),
    );
    let h = &r.headline;

    c.heading("Summary");
    c.paragraph(&summary_sentence(r));
    c.tiles(
        &[
            (h.implemented.to_string(), "Releases implemented".into(), Rgb::ACCENT),
            (h.late.to_string(), "Implemented late".into(), count_color(h.late, true)),
            (h.failed.to_string(), "Failed releases".into(), count_color(h.failed, true)),
            (h.backed_out.to_string(), "Backed out".into(), count_color(h.backed_out, true)),
            (percent(h.backed_out_percent), "Releases that required the back-out plan".into(), Rgb::WARN),
            (percent(h.backout_failed_percent), "Back-outs that failed".into(), Rgb::WARN),
            (percent(h.change_failure_rate_percent), "Change failure rate (DORA)".into(), Rgb::WARN),
            (days(h.lead_time_days), "Lead time for changes, median (DORA)".into(), Rgb::ACCENT),
        ],
        4,
    );

    c.heading("Key process performance indicators");
    let kpi = |label: &str, value: String| vec![Cell::from(label), Cell::from(value)];
    let group = |label: &str| vec![Cell::bold(label), Cell::from("")];
    let by_priority =
        r.incidents_by_priority.iter().map(|p| format!("{} {}", p.label, p.count)).collect::<Vec<_>>().join(" · ");
    let rows = vec![
        group("Producing operable solutions"),
        kpi("Number of incidents caused by releases", format!("{} ({by_priority})", h.incidents_caused)),
        kpi("Number of failed releases", format!("{} ({} failed deployment attempts)", h.failed, h.failed_deployments)),
        group("Controlling releases into production"),
        kpi("Number of releases implemented without a corresponding RFC", h.without_rfc.to_string()),
        kpi("Number of urgent (emergency) releases", h.emergency.to_string()),
        kpi("Number of releases implemented but not adequately tested", h.not_tested.to_string()),
        kpi("Number of releases implemented without operational assurance", h.without_assurance.to_string()),
        group("Implementing releases into production on time"),
        kpi("Number of releases implemented", h.implemented.to_string()),
        kpi("Number of releases implemented late", h.late.to_string()),
        group("Other KPIs"),
        kpi(
            "Percentage of releases that required implementing the back-out plan",
            format!(
                "{} ({} of {} releases deployed)",
                percent(h.backed_out_percent),
                h.backed_out,
                h.releases_attempted
            ),
        ),
        kpi(
            "Percentage of releases where the back-out plan failed",
            format!("{} ({} of {} back-outs)", percent(h.backout_failed_percent), h.backouts_failed, h.backouts),
        ),
        kpi(
            "Change failure rate (DORA)",
            format!(
                "{} ({} of {} deployments)",
                percent(h.change_failure_rate_percent),
                h.change_failures,
                h.deployment_attempts
            ),
        ),
        kpi("Lead time for changes, median (DORA)", days(h.lead_time_days)),
        kpi("Number of releases cancelled", h.cancelled.to_string()),
    ];
    c.table(&[Column::left("Indicator", 3.0), Column::left("This period", 2.0)], &rows, "");

    trend(c, r);

    c.heading_keep("Volume of releases per month", 170.0);
    let months: Vec<String> = r.volume.iter().map(|v| v.month.label.clone()).collect();
    let series = [
        ("Major", r.volume.iter().map(|v| v.major).collect::<Vec<_>>()),
        ("Minor", r.volume.iter().map(|v| v.minor).collect()),
        ("Patch", r.volume.iter().map(|v| v.patch).collect()),
        ("Emergency", r.volume.iter().map(|v| v.emergency).collect()),
    ]
    .into_iter()
    .zip([PALETTE[0], PALETTE[1], PALETTE[3], PALETTE[2]])
    .map(|((name, v), color)| Series {
        name: name.into(),
        color,
        values: v.into_iter().map(|n| Some(f64::from(n))).collect(),
    })
    .collect::<Vec<_>>();
    c.block(170.0, |page, x, y, w| {
        chart::bars(
            page,
            x,
            y,
            w,
            160.0,
            &Chart {
                title: "Releases implemented per month, by type",
                categories: &months,
                series: &series,
                format: whole,
            },
        );
    });
    let rows: Vec<Vec<Cell>> = r
        .volume
        .iter()
        .map(|v| {
            vec![
                v.month.label.clone().into(),
                v.major.to_string().into(),
                v.minor.to_string().into(),
                v.patch.to_string().into(),
                v.emergency.to_string().into(),
                Cell::bold(v.total.to_string()),
            ]
        })
        .collect();
    c.table(
        &[
            Column::left("Month", 2.0),
            Column::right("Major", 1.0),
            Column::right("Minor", 1.0),
            Column::right("Patch", 1.0),
            Column::right("Emergency", 1.0),
            Column::right("Total", 1.0),
        ],
        &rows,
        "No months in the period.",
    );

    c.heading("Time to implement by release type");
    let rows: Vec<Vec<Cell>> = r
        .time_to_implement
        .iter()
        .map(|k| {
            vec![
                k.label.clone().into(),
                k.count.to_string().into(),
                days(k.average_days).into(),
                k.best_days.map_or("—".into(), |d| format!("{d} days")).into(),
                k.worst_days.map_or("—".into(), |d| format!("{d} days")).into(),
            ]
        })
        .collect();
    c.table(
        &[
            Column::left("Release type", 2.0),
            Column::right("Implemented", 1.0),
            Column::right("Average", 1.2),
            Column::right("Best", 1.0),
            Column::right("Worst", 1.0),
        ],
        &rows,
        "No release was implemented in the period.",
    );

    planned_vs_actual(c, r);
    tables(c, r);

    let next = &r.roadmap;
    c.heading(&format!("Roadmap for {}", next.period.label));
    let rows: Vec<Vec<Cell>> = next
        .rows
        .iter()
        .map(|row| {
            vec![
                Cell::bold(row.release.key.clone()),
                row.release.title.clone().into(),
                apps(&row.release.applications).into(),
                row.kind_label.clone().into(),
                row.release.status_label.clone().into(),
                row.risk_label.clone().into(),
                row.window_label.clone().into(),
            ]
        })
        .collect();
    c.table(
        &[
            Column::left("Release", 1.3),
            Column::left("Title", 2.4),
            Column::left("Applications", 1.4),
            Column::left("Type", 0.9),
            Column::left("Status", 1.2),
            Column::left("Risk", 0.8),
            Column::left("Deployment window", 1.8),
        ],
        &rows,
        "No release is planned to deploy in that period.",
    );
    if !next.rows.is_empty() {
        let options =
            PosterOptions { from: next.period.from, to: next.period.to, sheet: c.sheet(), fit_one_page: false };
        let (sheets, _) = poster::sheets(roadmap, &options);
        c.insert_pages(&format!("Roadmap for {} (Gantt)", next.period.label), sheets);
    }

    c.heading("How these figures are counted");
    for d in &r.definitions {
        c.term(&d.term, &d.meaning);
    }
    if !r.diagnostics.is_empty() {
        c.subheading("What could not be counted");
        for d in &r.diagnostics {
            c.note(d);
        }
    }
}

fn whole(v: f64) -> String {
    format!("{v:.0}")
}

fn summary_sentence(r: &KpiReport) -> String {
    let h = &r.headline;
    let plural = |n: u32, one: &str, many: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
    format!(
        "In {}, {} implemented, {} of them late. {} failed and {} backed out; {} cancelled; {} caused by \
         releases were opened. {} were planned to deploy in the period and {} of them were implemented as planned.",
        r.period.label,
        plural(h.implemented, "release was", "releases were"),
        h.late,
        plural(h.failed, "release", "releases"),
        h.backed_out,
        h.cancelled,
        plural(h.incidents_caused, "incident", "incidents"),
        r.planned_vs_actual.planned,
        r.planned_vs_actual.implemented_as_planned,
    )
}

fn trend(c: &mut Composer, r: &KpiReport) {
    c.heading_keep("Trend over the last four quarters", 180.0);
    let quarters: Vec<String> = r.trend.iter().map(|t| t.period.label.clone()).collect();
    let counts = |f: fn(&runway_domain::report::Headline) -> u32| {
        r.trend.iter().map(|t| Some(f64::from(f(&t.headline)))).collect::<Vec<_>>()
    };
    let bars = [
        Series { name: "Implemented".into(), color: PALETTE[0], values: counts(|h| h.implemented) },
        Series { name: "Late".into(), color: PALETTE[1], values: counts(|h| h.late) },
        Series { name: "Failed".into(), color: PALETTE[2], values: counts(|h| h.failed) },
        Series { name: "Backed out".into(), color: PALETTE[4], values: counts(|h| h.backed_out) },
    ];
    c.block(180.0, |page, x, y, w| {
        chart::bars(
            page,
            x,
            y,
            w,
            170.0,
            &Chart { title: "Releases per quarter", categories: &quarters, series: &bars, format: whole },
        );
    });
    let rate = [Series {
        name: "Change failure rate".into(),
        color: PALETTE[2],
        values: r.trend.iter().map(|t| t.headline.change_failure_rate_percent).collect(),
    }];
    let lead = [Series {
        name: "Lead time (median)".into(),
        color: PALETTE[0],
        values: r.trend.iter().map(|t| t.headline.lead_time_days).collect(),
    }];
    c.block(165.0, |page, x, y, w| {
        let half = (w - 24.0) / 2.0;
        chart::lines(
            page,
            x,
            y,
            half,
            150.0,
            &Chart { title: "Change failure rate, %", categories: &quarters, series: &rate, format: whole },
        );
        chart::lines(
            page,
            x + half + 24.0,
            y,
            half,
            150.0,
            &Chart { title: "Lead time for changes, days", categories: &quarters, series: &lead, format: whole },
        );
    });
    let row = |label: &str, f: &dyn Fn(&runway_domain::report::Headline) -> String| {
        let mut cells = vec![Cell::from(label)];
        cells.extend(r.trend.iter().map(|t| Cell::from(f(&t.headline))));
        cells
    };
    let rows = vec![
        row("Implemented", &|h| h.implemented.to_string()),
        row("Implemented late", &|h| h.late.to_string()),
        row("Failed", &|h| h.failed.to_string()),
        row("Backed out", &|h| h.backed_out.to_string()),
        row("Urgent / emergency", &|h| h.emergency.to_string()),
        row("Cancelled", &|h| h.cancelled.to_string()),
        row("Incidents caused by releases", &|h| h.incidents_caused.to_string()),
        row("Change failure rate", &|h| percent(h.change_failure_rate_percent)),
        row("Lead time (median)", &|h| days(h.lead_time_days)),
    ];
    let mut columns = vec![Column::left("Indicator", 2.2)];
    columns.extend(quarters.iter().map(|q| Column::right(q, 1.0)));
    c.table(&columns, &rows, "");
}

fn planned_vs_actual(c: &mut Composer, r: &KpiReport) {
    let p = &r.planned_vs_actual;
    c.heading("Planned vs actual releases");
    c.facts(&[
        ("Planned to deploy", p.planned.to_string()),
        ("Implemented", p.implemented.to_string()),
        ("Implemented as planned", p.implemented_as_planned.to_string()),
        ("Implemented, not planned in the period", p.unplanned.to_string()),
    ]);
    c.subheading("Planned in the period but not implemented in it");
    let rows: Vec<Vec<Cell>> = p
        .not_implemented
        .iter()
        .map(|row| {
            vec![
                Cell::bold(row.release.key.clone()),
                row.release.title.clone().into(),
                day(row.planned).into(),
                row.release.status_label.clone().into(),
                maybe_day(row.deployed).into(),
            ]
        })
        .collect();
    c.table(
        &[
            Column::left("Release", 1.3),
            Column::left("Title", 3.0),
            Column::left("Planned", 1.1),
            Column::left("Status now", 1.4),
            Column::left("Deployed", 1.1),
        ],
        &rows,
        "Every release planned for the period was implemented in it.",
    );
}

fn tables(c: &mut Composer, r: &KpiReport) {
    c.heading("Releases implemented");
    let rows: Vec<Vec<Cell>> = r
        .implemented
        .iter()
        .map(|i| {
            let mut key = Cell::bold(i.release.key.clone());
            if i.emergency {
                key.text.push_str(" (emergency)");
            }
            vec![
                key,
                i.release.title.clone().into(),
                apps(&i.release.applications).into(),
                i.release.kind.label().into(),
                maybe_day(i.planned).into(),
                day(i.deployed).into(),
                match i.days_late {
                    Some(d) if d > 0 => Cell::colored(signed(Some(d)), Rgb::BAD),
                    other => Cell::from(signed(other)),
                },
            ]
        })
        .collect();
    c.table(
        &[
            Column::left("Release", 1.3),
            Column::left("Title", 2.4),
            Column::left("Applications", 1.4),
            Column::left("Type", 0.8),
            Column::left("Planned", 1.0),
            Column::left("Deployed", 1.0),
            Column::right("Days", 0.6),
        ],
        &rows,
        "No release was implemented in the period.",
    );

    c.heading("Releases implemented late");
    let rows: Vec<Vec<Cell>> = r
        .late
        .iter()
        .map(|l| {
            vec![
                Cell::bold(l.release.key.clone()),
                l.release.title.clone().into(),
                format!("{} ({})", day(l.planned), l.source_label).into(),
                day(l.actual).into(),
                Cell::colored(signed(Some(l.days_late)), Rgb::BAD),
                or_dash(&l.reason).into(),
            ]
        })
        .collect();
    c.table(
        &[
            Column::left("Release", 1.2),
            Column::left("Title", 2.0),
            Column::left("Planned", 1.6),
            Column::left("Deployed", 1.0),
            Column::right("Days late", 0.7),
            Column::left("Reason", 2.2),
        ],
        &rows,
        "No release was implemented late.",
    );

    c.heading("Failed releases");
    let rows: Vec<Vec<Cell>> = r
        .failed
        .iter()
        .map(|f| {
            vec![
                Cell::bold(f.release.key.clone()),
                f.release.title.clone().into(),
                day(f.date).into(),
                or_dash(&f.reason).into(),
                f.backout_label.clone().into(),
            ]
        })
        .collect();
    c.table(
        &[
            Column::left("Release", 1.2),
            Column::left("Title", 2.2),
            Column::left("Failed on", 1.0),
            Column::left("Reason", 2.6),
            Column::left("Back-out", 1.2),
        ],
        &rows,
        "No deployment failed.",
    );

    c.heading("Backed-out releases");
    let rows: Vec<Vec<Cell>> = r
        .backed_out
        .iter()
        .map(|b| {
            vec![
                Cell::bold(b.release.key.clone()),
                b.release.title.clone().into(),
                day(b.date).into(),
                if b.succeeded { Cell::colored("Succeeded", Rgb::GOOD) } else { Cell::colored("Failed", Rgb::BAD) },
                b.attempts.to_string().into(),
                or_dash(&b.reason).into(),
            ]
        })
        .collect();
    c.table(
        &[
            Column::left("Release", 1.2),
            Column::left("Title", 2.2),
            Column::left("Backed out", 1.0),
            Column::left("Back-out", 0.9),
            Column::right("Attempts", 0.8),
            Column::left("Reason", 2.4),
        ],
        &rows,
        "No release was backed out.",
    );

    c.heading("Cancelled releases");
    let rows: Vec<Vec<Cell>> = r
        .cancelled
        .iter()
        .map(|x| {
            vec![
                Cell::bold(x.release.key.clone()),
                x.release.title.clone().into(),
                day(x.date).into(),
                x.from_label.clone().into(),
                or_dash(&x.reason).into(),
            ]
        })
        .collect();
    c.table(
        &[
            Column::left("Release", 1.2),
            Column::left("Title", 2.2),
            Column::left("Cancelled", 1.0),
            Column::left("From the stage", 1.2),
            Column::left("Reason", 2.6),
        ],
        &rows,
        "No release was cancelled.",
    );

    c.heading("Controls: releases implemented outside the process");
    c.subheading("Not adequately tested");
    let rows: Vec<Vec<Cell>> = r
        .not_tested
        .iter()
        .map(|u| {
            let mut why = vec![];
            if !u.missing.is_empty() {
                why.push(format!("no passed result: {}", u.missing.join(", ")));
            }
            if !u.overridden.is_empty() {
                why.push(format!("overridden: {}", u.overridden.join("; ")));
            }
            vec![Cell::bold(u.release.key.clone()), u.release.title.clone().into(), why.join(". ").into()]
        })
        .collect();
    c.table(
        &[Column::left("Release", 1.2), Column::left("Title", 2.4), Column::left("Why", 4.0)],
        &rows,
        "Every release implemented was tested as the policy requires.",
    );
    let simple = |c: &mut Composer, title: &str, list: &[runway_domain::report::ReleaseLine], empty: &str| {
        c.subheading(title);
        let rows: Vec<Vec<Cell>> = list
            .iter()
            .map(|l| vec![Cell::bold(l.key.clone()), l.title.clone().into(), apps(&l.applications).into()])
            .collect();
        c.table(
            &[Column::left("Release", 1.2), Column::left("Title", 3.6), Column::left("Applications", 2.4)],
            &rows,
            empty,
        );
    };
    simple(c, "Without a corresponding RFC", &r.without_rfc, "Every release implemented carried an RFC.");
    simple(
        c,
        "Without operational assurance",
        &r.without_assurance,
        "Every release implemented passed its operational readiness test first.",
    );
    simple(c, "Urgent and emergency releases", &r.emergency, "No urgent or emergency release was implemented.");

    c.heading("Incidents caused by releases");
    let rows: Vec<Vec<Cell>> = r
        .incidents
        .iter()
        .flat_map(|ri| {
            ri.incidents.iter().map(move |i| {
                vec![
                    Cell::from(release_cell(&ri.release)),
                    Cell::bold(i.reference.clone()),
                    i.priority_label.clone().into(),
                    super::moment(i.opened).into(),
                    i.closed.map_or_else(|| Cell::colored("Open", Rgb::WARN), |t| Cell::from(super::moment(t))),
                ]
            })
        })
        .collect();
    c.table(
        &[
            Column::left("Release", 2.8),
            Column::left("Incident", 1.1),
            Column::left("Priority", 1.0),
            Column::left("Opened", 1.4),
            Column::left("Closed", 1.4),
        ],
        &rows,
        "No incident caused by a release was opened in the period.",
    );
}
