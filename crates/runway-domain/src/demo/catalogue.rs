//! The demo's fixed cast: the applications (their CIs, features and changes), the shared
//! infrastructure, the people in the seed roles and the environments.

use crate::model::Role;

pub(super) struct App {
    pub(super) code: &'static str,
    pub(super) name: &'static str,
    pub(super) cis: &'static [(&'static str, &'static str)],
    pub(super) features: &'static [&'static str],
    pub(super) changes: &'static [&'static str],
}

pub(super) const APPS: &[App] = &[
    App {
        code: "PAY",
        name: "Payments",
        cis: &[
            ("payments-api", "service"),
            ("payments-gateway", "service"),
            ("sepa-connector", "integration"),
            ("payments-db", "database"),
        ],
        features: &[
            "SEPA Instant rollout",
            "card tokenisation",
            "fraud scoring v2",
            "PSD3 strong customer authentication",
            "payment status API",
            "refund automation",
            "FX rates refresh",
        ],
        changes: &[
            "Add SEPA Instant credit transfer scheme",
            "Rotate HSM signing keys",
            "Raise gateway timeout to 8 s",
            "New fraud rule set for card-not-present",
            "Fix duplicate settlement on retry",
            "Upgrade ISO 20022 message mapping",
            "Add refund reason codes",
        ],
    },
    App {
        code: "MOB",
        name: "Mobile Banking",
        cis: &[("mobile-ios", "application"), ("mobile-android", "application"), ("mobile-bff", "service")],
        features: &[
            "biometric login",
            "spending insights",
            "dark mode",
            "push notification revamp",
            "card freeze",
            "accessibility fixes",
            "onboarding redesign",
        ],
        changes: &[
            "Face ID fallback to passcode",
            "Android 16 target SDK",
            "Crash fix on statement download",
            "New push provider certificates",
            "Card freeze toggle",
            "Screen reader labels on payments",
            "Onboarding document scan",
        ],
    },
    App {
        code: "LED",
        name: "General Ledger",
        cis: &[("ledger-core", "service"), ("ledger-batch", "batch"), ("ledger-db", "database")],
        features: &[
            "IFRS 17 postings",
            "month-end close acceleration",
            "intercompany reconciliation",
            "chart of accounts 2027",
            "audit trail export",
        ],
        changes: &[
            "New IFRS 17 posting rules",
            "Parallelise nightly batch",
            "Intercompany matching tolerance",
            "Chart of accounts 2027 mapping",
            "Ledger DB index rebuild",
        ],
    },
    App {
        code: "POR",
        name: "Customer Portal",
        cis: &[("portal-web", "application"), ("portal-cms", "service"), ("portal-search", "service")],
        features: &[
            "new document centre",
            "self-service address change",
            "search relaunch",
            "cookie consent update",
            "WCAG 2.2 compliance",
        ],
        changes: &[
            "Document centre pagination",
            "Address change workflow",
            "Search relevance tuning",
            "Consent banner v3",
            "Focus order fixes for WCAG 2.2",
        ],
    },
    App {
        code: "DAT",
        name: "Data Platform",
        cis: &[("data-lake", "storage"), ("etl-pipelines", "batch"), ("reporting-warehouse", "database")],
        features: &[
            "lakehouse migration",
            "GDPR erasure pipeline",
            "regulatory reporting feed",
            "near-real-time ingestion",
            "data quality checks",
        ],
        changes: &[
            "Move raw zone to lakehouse tables",
            "Erasure job for closed accounts",
            "COREP feed schema 3.4",
            "Kafka ingestion for card events",
            "Data quality rules for customer master",
        ],
    },
    App {
        code: "IAM",
        name: "Identity & Access",
        cis: &[("iam-keycloak", "service"), ("iam-directory", "directory")],
        features: &["passkeys", "SSO for partner portal", "privileged access review", "MFA policy update"],
        changes: &[
            "Enable passkeys for staff",
            "SAML federation with partner IdP",
            "Quarterly access recertification",
            "MFA step-up for admin roles",
        ],
    },
];

pub(super) const SHARED_CIS: &[(&str, &str)] =
    &[("k8s-cluster", "infrastructure"), ("postgres-cluster", "infrastructure"), ("api-gateway", "infrastructure")];

pub(super) const PEOPLE: &[(&str, &str, &str, Role)] = &[
    ("Eleanor Whitfield", "eleanor.whitfield@example.com", "Technology (SVP)", Role::Sponsor),
    ("Margaret Osei", "margaret.osei@example.com", "IT Service Management", Role::ProcessOwner),
    ("Zoë Ångström", "zoe.angstrom@example.com", "Release Management", Role::ReleaseManager),
    ("Łukasz Wróbel", "lukasz.wrobel@example.com", "Release Management", Role::ReleaseManager),
    ("Priya Raman", "priya.raman@example.com", "Release Management", Role::ReleaseManager),
    ("Дмитрий Иванов", "dmitry.ivanov@example.com", "Quality Assurance", Role::TestManager),
    ("Σοφία Παπαδοπούλου", "sofia.papadopoulou@example.com", "Quality Assurance", Role::TestManager),
    ("Hannah Becker", "hannah.becker@example.com", "Payments", Role::ReleaseOwner),
    ("Tomás Ferreira", "tomas.ferreira@example.com", "Digital Channels", Role::ReleaseOwner),
    ("Aiko Tanaka", "aiko.tanaka@example.com", "Finance IT", Role::ReleaseOwner),
    ("Olivia Grant", "olivia.grant@example.com", "Digital Channels", Role::ReleaseOwner),
    ("Samuel Adeyemi", "samuel.adeyemi@example.com", "Data & Analytics", Role::ReleaseOwner),
    ("Ines Moreau", "ines.moreau@example.com", "Security", Role::ReleaseOwner),
    ("Robert King", "robert.king@example.com", "Change Management", Role::ChangeManager),
    ("Chen Wei", "chen.wei@example.com", "Operations", Role::DeploymentStaff),
    ("Fatima Zahra", "fatima.zahra@example.com", "Operations", Role::DeploymentStaff),
    ("Jonas Lindqvist", "jonas.lindqvist@example.com", "Service Desk", Role::EarlyLifeSupport),
    ("Grace Mwangi", "grace.mwangi@example.com", "Platform Engineering", Role::EnvironmentStaff),
];

pub(super) const ENVIRONMENTS: &[(&str, bool)] =
    &[("Dev", false), ("Test", false), ("UAT", false), ("Pre-prod", false), ("Prod", true)];
