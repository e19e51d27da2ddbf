//! The release report: the record, what the release carried, its timeline against the plan and
//! the baseline, every decision with its evidence, how it ended, its incidents and dependencies.

use runway_domain::report::{DependencyLine, Outcome, ReleaseReport};

use super::{apps, by_whom, day, maybe_day, moment, or_dash, reason_and_conditions, signed};
use crate::compose::{Cell, Column, Composer};
use crate::page::Rgb;

fn outcome_color(o: Outcome) -> Rgb {
    match o {
        Outcome::Implemented => Rgb::GOOD,
        Outcome::ImplementedLate => Rgb::WARN,
        Outcome::RolledBack | Outcome::Failed | Outcome::Rejected => Rgb::BAD,
        Outcome::Cancelled | Outcome::InProgress => Rgb::MUTED,
    }
}

fn person(p: &Option<runway_domain::report::PersonRef>) -> String {
    p.as_ref().map_or_else(|| "—".into(), |p| format!("{} <{}>", p.name, p.email))
}

pub fn render(c: &mut Composer, r: &ReleaseReport) {
    c.title_block(&format!("{} · {}", r.key, r.title), &format!("Release report · {}", r.plan));

    c.heading("Outcome");
    c.tiles(
        &[
            (r.outcome_label.clone(), "Outcome".into(), outcome_color(r.outcome)),
            (r.status_label.clone(), "Stage now".into(), Rgb::ACCENT),
            (r.risk_label.clone(), "Risk".into(), Rgb::WARN),
            (r.incidents.len().to_string(), "Incidents recorded".into(), Rgb::ACCENT),
        ],
        4,
    );
    c.paragraph(&r.outcome_explanation);

    c.heading("The release");
    let envs = if r.environments.is_empty() {
        "—".to_string()
    } else {
        r.environments
            .iter()
            .map(|e| if e.production { format!("{} (production)", e.name) } else { e.name.clone() })
            .collect::<Vec<_>>()
            .join(" → ")
    };
    c.facts(&[
        ("Type", format!("{} · {} release unit", r.kind_label, r.unit_label)),
        ("Applications", apps(&r.applications)),
        ("Release Owner", person(&r.owner)),
        ("Release Manager", person(&r.manager)),
        ("Deployment window", r.window_label.clone()),
        ("Environments", envs),
        ("Backout tested", if r.backout_tested { "Yes".into() } else { "No".into() }),
        ("Baseline", r.baseline.clone().unwrap_or_else(|| "—".into())),
    ]);
    c.subheading("Acceptance criteria");
    c.paragraph(&or_dash(&r.acceptance_criteria));
    c.subheading("Backout plan");
    c.paragraph(&or_dash(&r.backout_plan));
    if !r.notes.trim().is_empty() {
        c.subheading("Notes");
        c.paragraph(&r.notes);
    }

    c.heading("Contents");
    c.subheading("Requests for change");
    let rows: Vec<Vec<Cell>> = r
        .rfcs
        .iter()
        .map(|f| vec![Cell::bold(f.key.clone()), f.title.clone().into(), f.status_label.clone().into()])
        .collect();
    c.table(
        &[Column::left("RFC", 1.2), Column::left("Title", 4.0), Column::left("Status", 1.2)],
        &rows,
        "The release carries no RFC.",
    );
    c.subheading("Configuration items and versions");
    let rows: Vec<Vec<Cell>> = r
        .cis
        .iter()
        .map(|ci| {
            vec![
                Cell::bold(ci.name.clone()),
                ci.kind.clone().into(),
                ci.version.clone().into(),
                ci.application.as_ref().map_or_else(|| "Shared".to_string(), |a| a.name.clone()).into(),
            ]
        })
        .collect();
    c.table(
        &[
            Column::left("Item", 2.0),
            Column::left("Kind", 1.2),
            Column::left("Version", 1.2),
            Column::left("Application", 1.6),
        ],
        &rows,
        "The release lists no configuration items.",
    );

    c.heading("Timeline: planned vs actual");
    let rows: Vec<Vec<Cell>> = r
        .timeline
        .iter()
        .map(|m| {
            let slip = |v: Option<i32>| match v {
                Some(d) if d > 0 => Cell::colored(signed(v), Rgb::BAD),
                _ => Cell::from(signed(v)),
            };
            vec![
                Cell::bold(m.label.clone()),
                format!("{} – {}", day(m.planned_start), day(m.planned_end)).into(),
                match (m.actual_start, m.actual_end) {
                    (None, None) => "—".to_string(),
                    (s, e) => format!("{} – {}", maybe_day(s), e.map_or_else(|| "ongoing".into(), day)),
                }
                .into(),
                slip(m.slip_days),
                match (m.baseline_start, m.baseline_end) {
                    (Some(s), Some(e)) => format!("{} – {}", day(s), day(e)),
                    _ => "—".into(),
                }
                .into(),
                slip(m.baseline_slip_days),
            ]
        })
        .collect();
    c.table(
        &[
            Column::left("Milestone", 1.3),
            Column::left("Planned", 2.0),
            Column::left("Actual", 2.0),
            Column::right("Slip (days)", 0.8),
            Column::left("Baseline", 2.0),
            Column::right("vs baseline", 0.9),
        ],
        &rows,
        "The release has no milestones.",
    );

    c.heading("Gate decisions and evidence");
    let rows: Vec<Vec<Cell>> = r
        .events
        .iter()
        .map(|e| {
            let what = if e.revoked { format!("{} (revoked)", e.summary) } else { e.summary.clone() };
            let detail = reason_and_conditions(&e.reason, &e.conditions);
            vec![
                moment(e.at).into(),
                if e.revoked { Cell::colored(what, Rgb::MUTED) } else { Cell::bold(what) },
                by_whom(&e.by_name, &e.role_label).into(),
                detail.into(),
            ]
        })
        .collect();
    c.table(
        &[
            Column::left("When", 1.3),
            Column::left("Decision or evidence", 2.2),
            Column::left("By", 1.7),
            Column::left("Reason and conditions", 2.8),
        ],
        &rows,
        "No decision or evidence is recorded.",
    );
    c.subheading("Stage moves");
    let rows: Vec<Vec<Cell>> = r
        .moves
        .iter()
        .map(|m| {
            let mut reason = or_dash(&m.reason);
            if !m.overridden.is_empty() {
                reason.push_str(&format!("\nOverridden: {}", m.overridden.join("; ")));
            }
            vec![
                moment(m.at).into(),
                format!("{} → {}", m.from_label, m.to_label).into(),
                m.by_name.clone().into(),
                if m.overridden.is_empty() { Cell::from(reason) } else { Cell::colored(reason, Rgb::WARN) },
            ]
        })
        .collect();
    c.table(
        &[Column::left("When", 1.3), Column::left("Move", 2.2), Column::left("By", 1.7), Column::left("Reason", 2.8)],
        &rows,
        "The release has not moved.",
    );

    c.heading("Incidents in early life support");
    let rows: Vec<Vec<Cell>> = r
        .incidents
        .iter()
        .map(|i| {
            vec![
                Cell::bold(i.reference.clone()),
                i.priority_label.clone().into(),
                moment(i.opened).into(),
                i.closed.map_or_else(|| Cell::colored("Open", Rgb::WARN), |t| Cell::from(moment(t))),
                if i.caused_by_release { Cell::colored("Yes", Rgb::BAD) } else { Cell::from("No") },
            ]
        })
        .collect();
    c.table(
        &[
            Column::left("Incident", 1.2),
            Column::left("Priority", 1.1),
            Column::left("Opened", 1.5),
            Column::left("Closed", 1.5),
            Column::left("Caused by the release", 1.2),
        ],
        &rows,
        "No incident is recorded against the release.",
    );

    c.heading("Dependencies");
    dependency_table(c, "Upstream: this release waits for", &r.upstream, "Nothing upstream.");
    dependency_table(c, "Downstream: waiting for this release", &r.downstream, "Nothing downstream.");
    if !r.violations.is_empty() {
        c.subheading("Violated dependencies");
        for v in &r.violations {
            c.paragraph_styled(&v.message, 9.0, false, Rgb::BAD);
        }
    }
}

pub fn dependency_table(c: &mut Composer, title: &str, deps: &[DependencyLine], empty: &str) {
    c.subheading(title);
    let rows: Vec<Vec<Cell>> = deps
        .iter()
        .map(|d| {
            let ends = format!(
                "{} → {}",
                d.from_milestone.as_ref().map_or("whole release", |m| m.label()),
                d.to_milestone.as_ref().map_or("whole release", |m| m.label())
            );
            let lag = if d.lag_days == 0 { String::new() } else { format!(", lag {}", signed(Some(d.lag_days))) };
            vec![
                Cell::bold(d.release.clone()),
                d.title.clone().into(),
                d.status_label.clone().into(),
                format!("{} ({ends}{lag})", d.kind_code).into(),
                if d.violated { Cell::colored("Violated", Rgb::BAD) } else { Cell::colored("Holds", Rgb::GOOD) },
            ]
        })
        .collect();
    c.table(
        &[
            Column::left("Release", 1.2),
            Column::left("Title", 2.2),
            Column::left("Status", 1.2),
            Column::left("Link", 2.2),
            Column::left("Plan", 0.8),
        ],
        &rows,
        empty,
    );
}
