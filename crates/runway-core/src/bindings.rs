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
        FieldError,
        Diagnostic,
        ReleaseSummary,
        BomLine,
        ReleaseDetail,
        Catalog,
        PlanInfo,
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
    );
    // Values the UI needs as well as types: made from the Rust lists, never copied by hand.
    out.push_str(&const_list("ERROR_CODES", "ErrorCode", ErrorCode::ALL));
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
