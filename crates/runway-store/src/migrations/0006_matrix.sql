-- Schema 6: the responsibility matrix (D7). Roles and activities become data (a stable key, a
-- name a user edits, an order); one SARCI code per cell; people hold roles for the portfolio or
-- for one release. A person's one role (schema 1-5) becomes their portfolio assignment, and the
-- policy's signature role becomes the S of "Authorize deployment" (it leaves the policy). The
-- rows below are seed 003's template as it stood at schema 6 (crates/runway-domain/src/matrix/
-- template.rs may grow later; this migration does not change with it).

CREATE TABLE role (
    key      TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 48),
    name     TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    position INTEGER NOT NULL
) STRICT;

CREATE TABLE activity (
    key         TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 48),
    name        TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    description TEXT NOT NULL DEFAULT '',
    position    INTEGER NOT NULL
) STRICT;

CREATE TABLE raci_cell (
    activity TEXT NOT NULL REFERENCES activity (key) ON DELETE CASCADE,
    role     TEXT NOT NULL REFERENCES role (key) ON DELETE CASCADE,
    code     TEXT NOT NULL CHECK (code IN ('S', 'A', 'R', 'C', 'I')),
    PRIMARY KEY (activity, role)
) STRICT, WITHOUT ROWID;

CREATE TABLE assignment (
    id         INTEGER PRIMARY KEY,
    role       TEXT NOT NULL REFERENCES role (key),
    person_id  INTEGER NOT NULL REFERENCES person (id) ON DELETE CASCADE,
    -- NULL: for the whole portfolio; else this release's own holder of the role.
    release_id INTEGER REFERENCES release (id) ON DELETE CASCADE
) STRICT;
CREATE UNIQUE INDEX assignment_once ON assignment (role, person_id, ifnull(release_id, 0));
CREATE INDEX assignment_release ON assignment (release_id) WHERE release_id IS NOT NULL;

INSERT INTO role (key, name, position) VALUES
    ('sponsor', 'Sponsor (SVP)', 0),
    ('process_owner', 'Release Management Process Owner', 1),
    ('release_manager', 'Release Manager', 2),
    ('test_manager', 'Test Manager', 3),
    ('release_owner', 'Release Owner', 4),
    ('change_manager', 'Change Manager / CAB', 5),
    ('deployment_staff', 'Deployment staff', 6),
    ('early_life_support', 'Early life support staff', 7),
    ('environment_staff', 'Build & test environment staff', 8);

INSERT INTO activity (key, name, description, position) VALUES
    ('plan', 'Conduct release planning', 'Create release units; develop the release strategy and implementation plans; prepare for releases.', 0),
    ('build', 'Coordinate design, building and configuring of releases', 'Design, build and package the release units; publish the build plan; procure components.', 1),
    ('test', 'Conduct release testing', 'Installation, functional, performance, integration, user acceptance, operational readiness and backout tests.', 2),
    ('cab', 'Coordinate release acceptance (CAB approval)', 'Obtain the review and approval of Change Management for the release to go into production.', 3),
    ('authorize', 'Authorize deployment', 'Sign off the release into production once its tests have passed and its backout is tested.', 4),
    ('deploy', 'Coordinate distribution and installation of releases', 'Deploy the release in its window, following the rollout plan; back it out if it fails.', 5),
    ('verify', 'Verify the release', 'Verify that the release has been implemented successfully; post-release testing.', 6),
    ('early_life_support', 'Early life support', 'Support the release in its first days in production; hand over to operations.', 7),
    ('review', 'Post-implementation review and closure', 'Review the release after implementation, record lessons and close it.', 8);

INSERT INTO raci_cell (activity, role, code) VALUES
    ('plan', 'sponsor', 'I'),
    ('plan', 'process_owner', 'C'),
    ('plan', 'release_manager', 'A'),
    ('plan', 'test_manager', 'C'),
    ('plan', 'release_owner', 'R'),
    ('plan', 'change_manager', 'I'),
    ('plan', 'deployment_staff', 'C'),
    ('plan', 'environment_staff', 'C'),
    ('build', 'process_owner', 'I'),
    ('build', 'release_manager', 'A'),
    ('build', 'test_manager', 'C'),
    ('build', 'release_owner', 'I'),
    ('build', 'deployment_staff', 'C'),
    ('build', 'environment_staff', 'R'),
    ('test', 'release_manager', 'C'),
    ('test', 'test_manager', 'A'),
    ('test', 'release_owner', 'C'),
    ('test', 'change_manager', 'I'),
    ('test', 'deployment_staff', 'I'),
    ('test', 'environment_staff', 'R'),
    ('cab', 'sponsor', 'I'),
    ('cab', 'process_owner', 'I'),
    ('cab', 'release_manager', 'R'),
    ('cab', 'test_manager', 'C'),
    ('cab', 'release_owner', 'C'),
    ('cab', 'change_manager', 'A'),
    ('authorize', 'sponsor', 'S'),
    ('authorize', 'process_owner', 'I'),
    ('authorize', 'release_manager', 'R'),
    ('authorize', 'test_manager', 'C'),
    ('authorize', 'release_owner', 'C'),
    ('authorize', 'change_manager', 'A'),
    ('authorize', 'deployment_staff', 'I'),
    ('deploy', 'release_manager', 'A'),
    ('deploy', 'test_manager', 'I'),
    ('deploy', 'release_owner', 'I'),
    ('deploy', 'change_manager', 'I'),
    ('deploy', 'deployment_staff', 'R'),
    ('deploy', 'early_life_support', 'I'),
    ('deploy', 'environment_staff', 'C'),
    ('verify', 'release_manager', 'A'),
    ('verify', 'test_manager', 'C'),
    ('verify', 'release_owner', 'R'),
    ('verify', 'change_manager', 'I'),
    ('verify', 'deployment_staff', 'C'),
    ('verify', 'early_life_support', 'I'),
    ('early_life_support', 'release_manager', 'A'),
    ('early_life_support', 'release_owner', 'I'),
    ('early_life_support', 'change_manager', 'I'),
    ('early_life_support', 'deployment_staff', 'C'),
    ('early_life_support', 'early_life_support', 'R'),
    ('review', 'sponsor', 'I'),
    ('review', 'process_owner', 'A'),
    ('review', 'release_manager', 'R'),
    ('review', 'test_manager', 'C'),
    ('review', 'release_owner', 'C'),
    ('review', 'change_manager', 'C'),
    ('review', 'early_life_support', 'C');

-- Each person's one role becomes their assignment for the portfolio.
INSERT INTO assignment (role, person_id, release_id)
SELECT role, id, NULL FROM person WHERE role IN (SELECT key FROM role);
ALTER TABLE person DROP COLUMN role;

-- A plan made before the matrix signed with the policy's signature role (Change Manager / CAB
-- unless set): that role keeps signing. It becomes the row's S, unless it is the row's A (then
-- the A signs, as the rules say). A plan that is new (no people, no policy) keeps the template.
CREATE TEMP TABLE legacy_signer AS
SELECT coalesce((SELECT json_extract(value, '$.signature_role') FROM meta WHERE key = 'policy'), 'change_manager') AS role
WHERE EXISTS (SELECT 1 FROM assignment) OR EXISTS (SELECT 1 FROM meta WHERE key = 'policy');
DELETE FROM raci_cell WHERE activity = 'authorize' AND code = 'S' AND EXISTS (SELECT 1 FROM legacy_signer);
INSERT INTO raci_cell (activity, role, code)
SELECT 'authorize', l.role, 'S' FROM legacy_signer l
WHERE l.role IN (SELECT key FROM role)
  AND NOT EXISTS (SELECT 1 FROM raci_cell c WHERE c.activity = 'authorize' AND c.role = l.role AND c.code = 'A')
ON CONFLICT (activity, role) DO UPDATE SET code = 'S';
DROP TABLE legacy_signer;
UPDATE meta SET value = json_remove(value, '$.signature_role') WHERE key = 'policy';
