//! The CAB pack (the agenda, one section per release with its gate, risks, conflicts,
//! dependencies, backout plan, test evidence and the decision boxes) and the CAB minutes.

use runway_domain::calendar::Severity;
use runway_domain::report::cab::GateCheck;
use runway_domain::report::{CabMinutes, CabPack};

use super::release::dependency_table;
use super::{apps, by_whom, day, decision_color, moment, or_dash, reason_and_conditions};
use crate::compose::{Cell, Column, Composer};
use crate::font::{self, Face};
use crate::page::Rgb;

fn yes_no(ok: bool) -> Cell {
    if ok { Cell::colored("Met", Rgb::GOOD) } else { Cell::colored("Not met", Rgb::BAD) }
}

pub fn render_pack(c: &mut Composer, p: &CabPack) {
    c.title_block(
        &format!("CAB pack · {}", p.period.label),
        &format!("{} · the agenda as it stands on {}", p.plan, day(p.today)),
    );
    c.heading("Agenda");
    if p.items.is_empty() {
        c.paragraph("No release awaits a CAB decision in this period.");
        return;
    }
    let rows: Vec<Vec<Cell>> = p
        .items
        .iter()
        .enumerate()
        .map(|(n, i)| {
            let conflicts = i.violations.len() + i.conflicts.len();
            vec![
                (n + 1).to_string().into(),
                Cell::bold(i.release.key.clone()),
                i.release.title.clone().into(),
                if i.emergency { Cell::colored("Emergency", Rgb::BAD) } else { Cell::from(i.kind_label.clone()) },
                i.risk_label.clone().into(),
                i.window_label.clone().into(),
                if i.readiness.allowed {
                    Cell::colored("Ready", Rgb::GOOD)
                } else {
                    Cell::colored(format!("{} unmet", i.readiness.unmet.len()), Rgb::BAD)
                },
                if conflicts == 0 { Cell::from("None") } else { Cell::colored(conflicts.to_string(), Rgb::WARN) },
            ]
        })
        .collect();
    c.table(
        &[
            Column::right("#", 0.4),
            Column::left("Release", 1.3),
            Column::left("Title", 2.6),
            Column::left("Type", 0.9),
            Column::left("Risk", 0.7),
            Column::left("Deployment window", 2.0),
            Column::left("Submission gate", 1.0),
            Column::left("Conflicts", 0.8),
        ],
        &rows,
        "",
    );

    for (n, i) in p.items.iter().enumerate() {
        c.new_page();
        c.heading(&format!("{}. {} · {}", n + 1, i.release.key, i.release.title));
        c.paragraph_styled(&i.why, 9.0, false, Rgb::MUTED);
        let person = |p: &Option<runway_domain::report::PersonRef>| p.as_ref().map_or("—".into(), |p| p.name.clone());
        c.facts(&[
            ("Type", if i.emergency { format!("{} (emergency CAB)", i.kind_label) } else { i.kind_label.clone() }),
            ("Risk", i.risk_label.clone()),
            ("Applications", apps(&i.release.applications)),
            ("Deployment window", i.window_label.clone()),
            ("Release Owner", person(&i.owner)),
            ("Release Manager", person(&i.manager)),
            ("Stage", i.release.status_label.clone()),
            ("RFCs", if i.rfcs.is_empty() { "None linked".into() } else { rfcs(i) }),
        ]);

        gate(c, "Submission gate, judged today", &i.readiness);
        // The decision itself is what the meeting is for: only other conditions are worth a table.
        if let Some(next) = i.next_move.as_ref().filter(|n| n.conditions.iter().any(|c| c.code != "cab_decision")) {
            gate(c, &format!("Next step: {}", next.step), next);
        }
        if !i.overridden_at_submission.is_empty() {
            c.paragraph_styled(
                &format!("Overridden at submission: {}", i.overridden_at_submission.join("; ")),
                9.0,
                false,
                Rgb::WARN,
            );
        }
        for w in &i.warnings {
            c.paragraph_styled(&format!("Warning: {w}"), 9.0, false, Rgb::WARN);
        }

        c.subheading("Conflicts");
        let mut rows: Vec<Vec<Cell>> = i
            .violations
            .iter()
            .map(|v| vec![Cell::colored("Dependency violated", Rgb::BAD), v.message.clone().into()])
            .collect();
        rows.extend(i.conflicts.iter().map(|k| {
            let colour = if k.severity == Severity::Blocking { Rgb::BAD } else { Rgb::WARN };
            vec![
                Cell::colored(format!("{} ({})", k.kind.label(), k.severity.label().to_lowercase()), colour),
                k.message.clone().into(),
            ]
        }));
        c.table(&[Column::left("Conflict", 1.2), Column::left("Detail", 5.0)], &rows, "No conflicts.");

        dependency_table(c, "Upstream: this release waits for", &i.upstream, "Nothing upstream.");
        dependency_table(c, "Downstream: waiting for this release", &i.downstream, "Nothing downstream.");

        c.subheading(if i.backout_tested { "Backout plan (tested)" } else { "Backout plan (not tested yet)" });
        c.paragraph(&or_dash(&i.backout_plan));

        c.subheading("Test evidence");
        let rows: Vec<Vec<Cell>> = i
            .tests
            .iter()
            .map(|t| {
                vec![
                    Cell::bold(t.label.clone()),
                    if t.required { "Required" } else { "—" }.into(),
                    match t.passed {
                        Some(true) => Cell::colored(t.result_label.clone(), Rgb::GOOD),
                        Some(false) => Cell::colored(t.result_label.clone(), Rgb::BAD),
                        None => Cell::colored(t.result_label.clone(), Rgb::MUTED),
                    },
                    t.at.map_or_else(|| "—".into(), moment).into(),
                    or_dash(&t.by_name).into(),
                ]
            })
            .collect();
        c.table(
            &[
                Column::left("Test", 1.8),
                Column::left("Policy", 0.9),
                Column::left("Latest result", 1.1),
                Column::left("When", 1.5),
                Column::left("By", 1.6),
            ],
            &rows,
            "No test is required or recorded.",
        );

        if !i.previous_decisions.is_empty() {
            c.subheading("Earlier CAB decisions");
            let rows: Vec<Vec<Cell>> = i
                .previous_decisions
                .iter()
                .map(|d| vec![moment(d.at).into(), Cell::bold(d.decision_label.clone()), or_dash(&d.reason).into()])
                .collect();
            c.table(
                &[Column::left("When", 1.4), Column::left("Decision", 1.0), Column::left("Reason", 4.0)],
                &rows,
                "",
            );
        }

        decision_boxes(c, i.emergency);
    }
}

fn rfcs(i: &runway_domain::report::AgendaItem) -> String {
    i.rfcs.iter().map(|r| format!("{} {}", r.key, r.title)).collect::<Vec<_>>().join("; ")
}

fn gate(c: &mut Composer, title: &str, g: &GateCheck) {
    c.subheading(title);
    if !g.conditions.is_empty() && g.conditions.iter().all(|c| c.met) {
        let met: Vec<String> = g
            .conditions
            .iter()
            .map(|c| if c.detail.is_empty() { c.label.clone() } else { format!("{} ({})", c.label, c.detail) })
            .collect();
        c.paragraph_styled(&format!("All met: {}.", met.join("; ")), 9.0, false, Rgb::GOOD);
        return;
    }
    let rows: Vec<Vec<Cell>> = g
        .conditions
        .iter()
        .map(|cond| vec![cond.label.clone().into(), yes_no(cond.met), or_dash(&cond.detail).into()])
        .collect();
    c.table(
        &[Column::left("Condition", 3.0), Column::left("", 0.8), Column::left("How it stands", 3.0)],
        &rows,
        "This step has no gate conditions.",
    );
}

/// Approve / Reject / Defer boxes, and lines for the conditions, the chair and the date.
fn decision_boxes(c: &mut Composer, emergency: bool) {
    c.subheading(if emergency { "Emergency CAB decision" } else { "CAB decision" });
    c.block(96.0, |page, x, y, w| {
        let mut bx = x;
        for label in ["Approve", "Reject", "Defer"] {
            page.frame(bx, y + 2.0, 12.0, 12.0, Rgb::BLACK, 0.8);
            page.text(bx + 18.0, y + 12.0, 10.0, true, Rgb::BLACK, label);
            bx += 18.0 + font::width(Face::Bold, 10.0, label) + 36.0;
        }
        let line = |page: &mut crate::Page, label: &str, lx: f32, ly: f32, lw: f32| {
            page.text(lx, ly, 8.0, false, Rgb::MUTED, label);
            let start = lx + font::width(Face::Regular, 8.0, label) + 6.0;
            page.line((start, ly + 1.5), (lx + lw, ly + 1.5), Rgb::MUTED, 0.5);
        };
        line(page, "Conditions", x, y + 40.0, w);
        line(page, "", x, y + 60.0, w);
        line(page, "Chair", x, y + 84.0, w * 0.6 - 12.0);
        line(page, "Date", x + w * 0.6, y + 84.0, w * 0.4);
    });
}

pub fn render_minutes(c: &mut Composer, m: &CabMinutes) {
    c.title_block(&format!("CAB minutes · {}", m.period.label), &format!("{} · decisions recorded", m.plan));
    c.heading("Decisions");
    let mut tiles: Vec<(String, String, Rgb)> = m
        .counts
        .iter()
        .map(|d| {
            let label = match d.decision {
                runway_domain::CabDecision::Approve => "Approved",
                runway_domain::CabDecision::Reject => "Rejected",
                runway_domain::CabDecision::Defer => "Deferred",
            };
            (d.count.to_string(), label.to_string(), decision_color(d.decision))
        })
        .collect();
    tiles.push((m.emergency.to_string(), "By the emergency CAB".into(), Rgb::ACCENT));
    c.tiles(&tiles, 4);
    let rows: Vec<Vec<Cell>> = m
        .decisions
        .iter()
        .map(|d| {
            let detail = reason_and_conditions(&d.reason, &d.conditions);
            let by = by_whom(&d.by_name, &d.role_label);
            vec![
                moment(d.at).into(),
                Cell::bold(format!("{}\n{}", d.release, d.title)),
                Cell::colored(
                    if d.emergency {
                        format!("{} (emergency CAB)", d.decision_label)
                    } else {
                        d.decision_label.clone()
                    },
                    decision_color(d.decision),
                ),
                by.into(),
                detail.into(),
            ]
        })
        .collect();
    c.table(
        &[
            Column::left("When", 1.3),
            Column::left("Release", 2.2),
            Column::left("Decision", 1.1),
            Column::left("Decided by", 1.6),
            Column::left("Reason and conditions", 2.6),
        ],
        &rows,
        "No CAB decision was recorded in this period.",
    );
}
