//! The TypeScript types of everything that crosses to the UI, generated from the Rust types.
//!
//! The generated file is committed at `ui/src/lib/ipc/bindings.ts`; a test fails when it drifts
//! from the Rust types. Regenerate with `make bindings` (`UPDATE_BINDINGS=1 cargo test -p runway-core bindings`).

use ts_rs::{Config, TS};

use crate::dto::*;
use crate::error::{ErrorCode, ErrorInfo};
use runway_domain::*;

/// The whole bindings file.
pub fn typescript() -> String {
    let cfg = Config::new().with_large_int("number");
    let mut out = String::from(
        "// Generated from the Rust types by runway-core (src/bindings.rs). Do not edit by hand:\n\
         // run `make bindings` after changing a type that crosses to the UI.\n\n",
    );
    macro_rules! emit {
        ($($t:ty),+ $(,)?) => {
            $(
                out.push_str("export ");
                out.push_str(&<$t as TS>::decl(&cfg));
                out.push_str("\n\n");
            )+
        };
    }
    emit!(
        ReleaseKind,
        ReleaseUnit,
        Risk,
        ReleaseStatus,
        Role,
        RfcStatus,
        MilestoneKind,
        Application,
        Environment,
        Person,
        Rfc,
        Ci,
        CiVersion,
        Milestone,
        Window,
        Release,
        ReleaseInput,
        crate::api::phases::PhaseInput,
        runway_domain::template::TemplatePhase,
        runway_domain::template::TemplateLink,
        runway_domain::template::ReleaseTemplate,
        crate::api::phases::ReleaseTemplateInfo,
        crate::api::mspdi::MspdiChoice,
        crate::api::mspdi::ImportedRelease,
        crate::api::mspdi::MspdiImport,
        FieldError,
        Diagnostic,
        ReleaseSummary,
        BomLine,
        ReleaseDetail,
        Catalog,
        PlanInfo,
        crate::backup::BackupInfo,
        crate::backup::Backups,
        Profile,
        AppState,
        ErrorCode,
        ErrorInfo,
        CabDecision,
        TestKind,
        SignOffDecision,
        Priority,
        EvidenceType,
        EventKind,
        Event,
        Gate,
        Breach,
        Condition,
        Step,
        Assessment,
        StageLimit,
        Policy,
        EvidenceInput,
        MoveInput,
        ReleaseLifecycle,
        ActionOutcome,
        FieldChange,
        HistoryItem,
        UndoState,
        StageCount,
        Flagged,
        UpcomingGate,
        Dashboard,
        runway_domain::schedule::DepKind,
        runway_domain::schedule::Endpoint,
        runway_domain::schedule::Dependency,
        runway_domain::schedule::MilestoneRef,
        runway_domain::schedule::Change,
        runway_domain::schedule::Shift,
        runway_domain::schedule::SlackUse,
        runway_domain::schedule::Violation,
        runway_domain::schedule::WhatIf,
        runway_domain::schedule::CiLink,
        runway_domain::roadmap::Bar,
        runway_domain::roadmap::Row,
        runway_domain::roadmap::Group,
        runway_domain::roadmap::Arrow,
        runway_domain::roadmap::CiArrow,
        runway_domain::roadmap::Layout,
        BaselineInfo,
        crate::report::ReportKind,
        crate::pdf::Paper,
        crate::pdf::Sheet,
        crate::report::ReportRequest,
        crate::report::ReportSummary,
        crate::report::SavedReport,
        crate::pdf::Rgb,
        crate::pdf::Mark,
        crate::pdf::Page,
        crate::pdf::Bookmark,
        crate::pdf::Document,
        runway_domain::calendar::WindowKind,
        runway_domain::calendar::Scope,
        runway_domain::calendar::ChangeWindow,
        runway_domain::calendar::BookedBy,
        runway_domain::calendar::BookingSource,
        runway_domain::calendar::ManualBooking,
        runway_domain::calendar::Booking,
        runway_domain::calendar::ConflictKind,
        runway_domain::calendar::Severity,
        runway_domain::calendar::PartyKind,
        runway_domain::calendar::Party,
        runway_domain::calendar::Conflict,
        runway_domain::calendar::conflict::CalendarRules,
        runway_domain::calendar::slots::Slot,
        runway_domain::calendar::view::Band,
        runway_domain::calendar::view::DeploymentEvent,
        runway_domain::calendar::view::MilestoneEvent,
        runway_domain::calendar::view::Lane,
        runway_domain::calendar::view::CalendarView,
        crate::api::calendar::ReleaseCalendar,
        runway_domain::matrix::Code,
        runway_domain::matrix::RoleDef,
        runway_domain::matrix::Activity,
        runway_domain::matrix::Cell,
        runway_domain::matrix::Assignment,
        runway_domain::matrix::Matrix,
        runway_domain::matrix::Rule,
        runway_domain::matrix::RuleBreak,
        runway_domain::matrix::Holder,
        runway_domain::matrix::AudienceMember,
        runway_domain::matrix::Audience,
        crate::api::matrix::MatrixView,
        crate::api::matrix::RoleHolders,
        crate::api::matrix::PersonRoles,
        crate::api::matrix::MatrixEdit,
        runway_domain::stakeholders::Member,
        runway_domain::stakeholders::Follow,
        runway_domain::stakeholders::DistributionList,
        crate::api::stakeholders::PeopleImport,
        runway_domain::notify::MessageState,
        runway_domain::notify::Trigger,
        runway_domain::notify::AttendeeRole,
        runway_domain::notify::Method,
        runway_domain::notify::Recipient,
        runway_domain::notify::Sender,
        runway_domain::notify::MessageInvite,
        runway_domain::notify::Message,
        runway_domain::notify::Template,
        crate::api::outbox::TemplateView,
        crate::api::outbox::OutboxCounts,
        crate::settings::MailSecurity,
        crate::settings::MailSettings,
        crate::api::replicas::Peer,
        crate::api::replicas::ReplicaInfo,
        crate::api::replicas::MergeReport,
        crate::store::replica::cards::CardKind,
        crate::store::replica::cards::Side,
        crate::store::replica::cards::Card,
        crate::store::replica::resolve::Decision,
    );
    // Values the UI needs as well as types: made from the Rust lists, never copied by hand.
    out.push_str(&const_list("ERROR_CODES", "ErrorCode", ErrorCode::ALL));
    // The lifecycle's happy path and the states a release never leaves (runway_domain::lifecycle).
    out.push_str(&const_list("TRACK", "ReleaseStatus", runway_domain::lifecycle::TRACK));
    let finals: Vec<ReleaseStatus> =
        ReleaseStatus::ALL.iter().copied().filter(|s| runway_domain::lifecycle::is_final(*s)).collect();
    out.push_str(&const_list("FINAL_STATUSES", "ReleaseStatus", &finals));
    out.push_str(&const_list("OVERRIDABLE_GATES", "Gate", Gate::OVERRIDABLE));
    // The words a user sees for each closed set: the Rust `label()` of each enum, in its order.
    out.push_str(&labels("STATUS_LABELS", "ReleaseStatus", ReleaseStatus::ALL, ReleaseStatus::label));
    out.push_str(&labels("KIND_LABELS", "ReleaseKind", ReleaseKind::ALL, ReleaseKind::label));
    out.push_str(&labels("CODE_LABELS", "Code", runway_domain::matrix::Code::ALL, runway_domain::matrix::Code::label));
    out.push_str(&labels(
        "CODE_MEANINGS",
        "Code",
        runway_domain::matrix::Code::ALL,
        runway_domain::matrix::Code::meaning,
    ));
    out.push_str(&labels("UNIT_LABELS", "ReleaseUnit", ReleaseUnit::ALL, ReleaseUnit::label));
    out.push_str(&labels("RISK_LABELS", "Risk", Risk::ALL, Risk::label));
    out.push_str(&labels("ROLE_LABELS", "Role", Role::ALL, Role::label));
    out.push_str(&labels("RFC_STATUS_LABELS", "RfcStatus", RfcStatus::ALL, RfcStatus::label));
    {
        // A milestone's kind is a built-in's wire name or a custom phase's name: the labels
        // cover the built-ins, `milestoneLabel` (ui/src/lib/labels.ts) falls back to the name.
        let wires: Vec<String> = MilestoneKind::ALL.iter().map(|k| format!("{:?}", k.as_str())).collect();
        out.push_str(&format!("export type BuiltinMilestoneKind = {};\n\n", wires.join(" | ")));
        let items: Vec<String> =
            MilestoneKind::ALL.iter().map(|k| format!("  {}: {:?},", k.as_str(), k.label())).collect();
        out.push_str(&format!(
            "export const MILESTONE_LABELS: Record<BuiltinMilestoneKind, string> = {{\n{}\n}};\n\n",
            items.join("\n")
        ));
    }
    out.push_str(&labels("EVIDENCE_LABELS", "EvidenceType", EvidenceType::ALL, EvidenceType::label));
    out.push_str(&labels("TEST_LABELS", "TestKind", TestKind::ALL, TestKind::label));
    out.push_str(&labels("CAB_LABELS", "CabDecision", CabDecision::ALL, CabDecision::label));
    out.push_str(&labels("SIGN_OFF_LABELS", "SignOffDecision", SignOffDecision::ALL, SignOffDecision::label));
    out.push_str(&labels("PRIORITY_LABELS", "Priority", Priority::ALL, Priority::label));
    out.push_str(&labels("GATE_LABELS", "Gate", Gate::ALL, Gate::label));
    out.push_str(&labels("BREACH_LABELS", "Breach", Breach::ALL, Breach::label));
    {
        use runway_domain::calendar::{BookedBy, BookingSource, ConflictKind, Severity, WindowKind};
        out.push_str(&labels("WINDOW_KIND_LABELS", "WindowKind", WindowKind::ALL, WindowKind::label));
        out.push_str(&labels("WINDOW_KIND_MEANINGS", "WindowKind", WindowKind::ALL, WindowKind::meaning));
        out.push_str(&labels("BOOKED_BY_LABELS", "BookedBy", BookedBy::ALL, BookedBy::label));
        out.push_str(&labels("BOOKING_SOURCE_LABELS", "BookingSource", BookingSource::ALL, BookingSource::label));
        out.push_str(&labels("CONFLICT_KIND_LABELS", "ConflictKind", ConflictKind::ALL, ConflictKind::label));
        out.push_str(&labels("SEVERITY_LABELS", "Severity", Severity::ALL, Severity::label));
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// `export const NAME: readonly Type[] = [...];` with each value as serde writes it.
fn const_list<T: serde::Serialize>(name: &str, ty: &str, values: &[T]) -> String {
    let items: Vec<String> =
        values.iter().map(|v| serde_json::to_string(v).expect("a list value serialises")).collect();
    format!("export const {name}: readonly {ty}[] = [{}];\n\n", items.join(", "))
}

/// `export const NAME: Record<Type, string> = { wire: "Label", ... };` in the enum's order.
fn labels<T: serde::Serialize + Copy>(name: &str, ty: &str, values: &[T], label: fn(T) -> &'static str) -> String {
    let items: Vec<String> = values
        .iter()
        .map(|v| {
            let key = serde_json::to_string(v).expect("a value serialises");
            let words = serde_json::to_string(label(*v)).expect("a label serialises");
            format!("  {}: {words},", key.trim_matches('"'))
        })
        .collect();
    format!("export const {name}: Record<{ty}, string> = {{\n{}\n}};\n\n", items.join("\n"))
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    /// Fails when the committed bindings differ from what the Rust types give; with
    /// `UPDATE_BINDINGS=1` it writes them instead.
    #[test]
    fn bindings_are_up_to_date() {
        let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/ipc/bindings.ts");
        let fresh = super::typescript();
        if std::env::var_os("UPDATE_BINDINGS").is_some() {
            std::fs::write(&path, &fresh).expect("write bindings");
            return;
        }
        let committed = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            committed == fresh,
            "ui/src/lib/ipc/bindings.ts is out of date with the Rust types: run `make bindings` and commit it"
        );
    }
}
