package main

// The GitHub Action (action.yml) run locally: every `run:` step's script is
// run with bash as the runner runs it (bash --noprofile --norc -eo pipefail),
// with the runner's files (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_PATH,
// GITHUB_STEP_SUMMARY) in a temporary folder and the `${{ ... }}`
// expressions the steps use substituted. `uses:` steps (setup-go, the
// artifact upload) are passed over. The install step is forced to build
// from this checkout (from-source), with no network: GOPROXY=off, and curl
// and wget replaced by scripts that fail the test if called.

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

type actionFile struct {
	Inputs map[string]struct {
		Default  string `yaml:"default"`
		Required bool   `yaml:"required"`
	} `yaml:"inputs"`
	Outputs map[string]struct {
		Value string `yaml:"value"`
	} `yaml:"outputs"`
	Runs struct {
		Using string       `yaml:"using"`
		Steps []actionStep `yaml:"steps"`
	} `yaml:"runs"`
}

type actionStep struct {
	Name  string            `yaml:"name"`
	ID    string            `yaml:"id"`
	If    string            `yaml:"if"`
	Shell string            `yaml:"shell"`
	Run   string            `yaml:"run"`
	Uses  string            `yaml:"uses"`
	Env   map[string]string `yaml:"env"`
	With  map[string]string `yaml:"with"`
}

func readAction(t *testing.T) actionFile {
	t.Helper()
	b, err := os.ReadFile("action.yml")
	if err != nil {
		t.Fatal(err)
	}
	var a actionFile
	if err := yaml.Unmarshal(b, &a); err != nil {
		t.Fatalf("action.yml: %v", err)
	}
	if a.Runs.Using != "composite" {
		t.Fatalf("action.yml: runs.using = %q, want composite", a.Runs.Using)
	}
	return a
}

// actionRunner holds what a job's runner keeps from step to step: the
// outputs of the steps with an id, and the folders GITHUB_PATH added.
type actionRunner struct {
	t          *testing.T
	action     actionFile
	actionPath string // the action's checkout: this repository
	actionRef  string // github.action_ref
	runnerTemp string
	fakeBin    string // curl and wget that must not be called
	inputs     map[string]string
	outputs    map[string]map[string]string
	path       []string
	env        map[string]string // from GITHUB_ENV
	summary    strings.Builder
	log        strings.Builder // the steps' stdout and stderr
}

var expression = regexp.MustCompile(`\$\{\{\s*(.*?)\s*\}\}`)

// eval substitutes the expressions the run steps may use; any other is an
// error, so that a step this test cannot run faithfully is noticed.
func (r *actionRunner) eval(s string) string {
	r.t.Helper()
	return expression.ReplaceAllStringFunc(s, func(m string) string {
		e := expression.FindStringSubmatch(m)[1]
		switch {
		case strings.HasPrefix(e, "inputs."):
			name := strings.TrimPrefix(e, "inputs.")
			in, ok := r.action.Inputs[name]
			if !ok {
				r.t.Fatalf("action.yml: expression %s: no input %q", m, name)
			}
			if v, given := r.inputs[name]; given {
				return v
			}
			return in.Default
		case e == "github.action_path":
			return r.actionPath
		case e == "github.action_ref":
			return r.actionRef // "" as for a local action (uses: ./)
		case e == "github.action_repository":
			return ""
		case strings.HasPrefix(e, "steps."):
			parts := strings.Split(e, ".")
			if len(parts) != 4 || parts[2] != "outputs" {
				r.t.Fatalf("action.yml: unsupported expression %s", m)
			}
			return r.outputs[parts[1]][parts[3]]
		}
		r.t.Fatalf("action.yml: expression %s is not supported by this test", m)
		return ""
	})
}

// runSteps runs the action's run steps from index from to before index to
// in workspace, and returns the exit code of the last step run (the job
// stops at the first that fails, as the runner does).
func (r *actionRunner) runSteps(workspace string, from, to int) int {
	r.t.Helper()
	for i := from; i < to; i++ {
		st := r.action.Runs.Steps[i]
		if st.Uses != "" {
			continue // setup-go, upload-artifact: not run locally
		}
		if st.If != "" {
			r.t.Fatalf("step %q: this test runs no run step with if: (guard in the script)", st.Name)
		}
		if st.Shell != "bash" {
			r.t.Fatalf("step %q: shell %q, want bash", st.Name, st.Shell)
		}
		code := r.runStep(workspace, i, st)
		if code != 0 {
			return code
		}
	}
	return 0
}

func (r *actionRunner) runStep(workspace string, i int, st actionStep) int {
	t := r.t
	t.Helper()
	dir, err := os.MkdirTemp(r.runnerTemp, "step-")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	for _, name := range []string{"GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH", "GITHUB_STEP_SUMMARY"} {
		files[name] = filepath.Join(dir, strings.ToLower(name))
		if err := os.WriteFile(files[name], nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	script := filepath.Join(dir, "script.sh")
	if err := os.WriteFile(script, []byte(r.eval(st.Run)), 0o644); err != nil {
		t.Fatal(err)
	}

	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GITHUB_") || strings.HasPrefix(k, "RUNNER_") || strings.HasPrefix(k, "INPUT_") ||
			k == "PATH" || k == "GOPROXY" || k == "CI" {
			continue
		}
		if _, ours := st.Env[k]; ours {
			continue
		}
		env = append(env, kv)
	}
	path := []string{r.fakeBin}
	for j := len(r.path) - 1; j >= 0; j-- { // the last added comes first
		path = append(path, r.path[j])
	}
	path = append(path, filepath.Dir(goTool()), os.Getenv("PATH"))
	runnerOS := map[string]string{"linux": "Linux", "darwin": "macOS", "windows": "Windows"}[runtime.GOOS]
	runnerArch := map[string]string{"amd64": "X64", "arm64": "ARM64"}[runtime.GOARCH]
	env = append(env,
		"PATH="+strings.Join(path, string(os.PathListSeparator)),
		"GOPROXY=off",
		"CI=true",
		"GITHUB_ACTIONS=true",
		"GITHUB_WORKSPACE="+workspace,
		"GITHUB_ACTION_PATH="+r.actionPath,
		"RUNNER_TEMP="+r.runnerTemp,
		"RUNNER_OS="+runnerOS,
		"RUNNER_ARCH="+runnerArch,
	)
	for k, v := range files {
		env = append(env, k+"="+v)
	}
	for k, v := range r.env {
		env = append(env, k+"="+v)
	}
	for k, v := range st.Env {
		env = append(env, k+"="+r.eval(v))
	}

	cmd := exec.Command("bash", "--noprofile", "--norc", "-eo", "pipefail", script)
	cmd.Dir = workspace
	cmd.Env = env
	out, err := cmd.CombinedOutput()
	fmtStep := "=== step " + st.Name + "\n"
	r.log.WriteString(fmtStep)
	r.log.Write(out)
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("step %q: %v", st.Name, err)
		}
		code = ee.ExitCode()
	}

	outputs := readKeyValues(t, files["GITHUB_OUTPUT"])
	if st.ID != "" {
		r.outputs[st.ID] = outputs
	} else if len(outputs) > 0 {
		t.Errorf("step %q writes outputs but has no id", st.Name)
	}
	for k, v := range readKeyValues(t, files["GITHUB_ENV"]) {
		r.env[k] = v
	}
	b, err := os.ReadFile(files["GITHUB_PATH"])
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(b), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			r.path = append(r.path, line)
		}
	}
	b, err = os.ReadFile(files["GITHUB_STEP_SUMMARY"])
	if err != nil {
		t.Fatal(err)
	}
	r.summary.Write(b)
	return code
}

// readKeyValues reads a GITHUB_OUTPUT or GITHUB_ENV file: name=value lines
// and name<<DELIMITER blocks.
func readKeyValues(t *testing.T, file string) map[string]string {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	kv := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if name, delim, ok := strings.Cut(line, "<<"); ok && !strings.Contains(name, "=") {
			var value []string
			for sc.Scan() && sc.Text() != delim {
				value = append(value, sc.Text())
			}
			kv[name] = strings.Join(value, "\n")
			continue
		}
		if name, value, ok := strings.Cut(line, "="); ok {
			kv[name] = value
		} else if line != "" {
			t.Errorf("%s: malformed line %q", filepath.Base(file), line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return kv
}

// junitReport is as much of the JUnit document as the test checks.
type junitReport struct {
	XMLName  xml.Name `xml:"testsuites"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Errors   int      `xml:"errors,attr"`
	Suites   []struct {
		Name  string `xml:"name,attr"`
		Cases []struct {
			Name    string    `xml:"name,attr"`
			Failure *struct{} `xml:"failure"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func TestActionRunsLocally(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	if runtime.GOOS == "windows" {
		t.Skip("the action's local run is tested on Linux and macOS")
	}
	action := readAction(t)
	steps := action.Runs.Steps
	auditStep := -1
	uploads := 0
	for i, st := range steps {
		if st.ID == "audit" {
			auditStep = i
		}
		if strings.HasPrefix(st.Uses, "actions/upload-artifact@") {
			uploads++
			if !strings.Contains(st.With["path"], "steps.audit.outputs.junit") || !strings.Contains(st.If, "always()") {
				t.Errorf("the upload step must upload steps.audit.outputs.junit also when audit failed: if %q, path %q", st.If, st.With["path"])
			}
		}
	}
	if auditStep < 0 || uploads != 1 {
		t.Fatalf("action.yml: want a step with id audit (got index %d) and one upload-artifact step (got %d)", auditStep, uploads)
	}

	actionPath, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	runnerTemp := t.TempDir()
	fakeBin := filepath.Join(runnerTemp, "no-network")
	calledNet := filepath.Join(runnerTemp, "network-called")
	if err := os.Mkdir(fakeBin, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"curl", "wget"} {
		script := "#!/bin/sh\necho \"$0 $*\" >> '" + calledNet + "'\nexit 7\n"
		if err := os.WriteFile(filepath.Join(fakeBin, name), []byte(script), 0o755); err != nil {
			t.Fatal(err)
		}
	}

	// Install once (build from this checkout), as the job's first steps.
	install := &actionRunner{
		t: t, action: action, actionPath: actionPath, runnerTemp: runnerTemp, fakeBin: fakeBin,
		inputs:  map[string]string{"from-source": "true"},
		outputs: map[string]map[string]string{}, env: map[string]string{},
	}
	if code := install.runSteps(t.TempDir(), 0, auditStep); code != 0 {
		t.Fatalf("installing audit exited %d:\n%s", code, install.log.String())
	}
	if got := install.outputs["install"]; got["build"] != "true" || got["version"] != "source" {
		t.Fatalf("install outputs %v, want build=true version=source\n%s", got, install.log.String())
	}
	bin := install.outputs["install"]["bin"]
	if fi, err := os.Stat(bin); err != nil || fi.IsDir() {
		t.Fatalf("no audit binary at %q: %v\n%s", bin, err, install.log.String())
	}

	copyAccount := func(t *testing.T, workspace, from, to string) {
		t.Helper()
		if err := os.MkdirAll(filepath.Dir(filepath.Join(workspace, to)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.CopyFS(filepath.Join(workspace, to), os.DirFS(filepath.Join("testdata", "accounts", from))); err != nil {
			t.Fatal(err)
		}
	}

	cases := []struct {
		name      string
		accounts  map[string]string // workspace folder <- testdata/accounts/NAME
		inputs    map[string]string
		wantCode  int
		junit     string // where the JUnit report is, "" when none
		suites    int
		failures  int
		summary   []string // in the job summary, in this order
		noSummary bool
		log       []string
	}{{
		name:     "acme-us fails thresholds",
		accounts: map[string]string{"sample accounts/acme-us": "acme-us"},
		inputs:   map[string]string{"args": `all --as-of 2026-11-20 'sample accounts/acme-us'`},
		wantCode: 1, junit: "audit-junit.xml", suites: 1, failures: 3,
		summary: []string{
			"### Account health (US) as of 2026-11-20: FAIL",
			"| Order Defect Rate | Seller-fulfilled (MFN) | 1.05% | 1 / 95 | < 1% | ❌ FAIL |",
			"| On-Time Delivery Rate | Seller-fulfilled, tracked | 78.95% | 15 / 19 | >= 90% | ❌ FAIL |",
		},
		log: []string{"warning: skipped sample accounts/acme-us/notes.md", "Overall: FAIL"},
	}, {
		name:     "clean passes",
		accounts: map[string]string{"clean": "clean"},
		inputs:   map[string]string{"args": "all --as-of 2026-11-20 clean", "junit": "reports/health.xml"},
		wantCode: 0, junit: "reports/health.xml", suites: 1, failures: 0,
		summary: []string{"### Account health (US) as of 2026-11-20: PASS", "| Order Defect Rate | All orders | 0.00% | 0 / 20 | < 1% | ✅ PASS |"},
		log:     []string{"Overall: PASS"},
	}, {
		name:     "accounts with --fail-on warn",
		accounts: map[string]string{"clients/clean": "clean", "clients/warn-only": "warn-only"},
		inputs:   map[string]string{"args": "all --as-of 2026-11-20 --accounts clients/\n  --fail-on \"warn\""},
		wantCode: 1, junit: "audit-junit.xml", suites: 2, failures: 2,
		summary: []string{"### Account health of 2 accounts as of 2026-11-20: WARN", "| clean | ✅ PASS |", "| warn-only | ⚠️ WARN |"},
	}, {
		name:     "usage error",
		inputs:   map[string]string{"args": `all --as-of 2026-11-20 "no such folder"`},
		wantCode: 2,
		summary:  []string{"**audit exited 2 without a report**"},
		log:      []string{"no such folder"},
	}, {
		name:     "no summary",
		accounts: map[string]string{"clean": "clean"},
		inputs:   map[string]string{"args": "all --as-of 2026-11-20 clean", "summary": "false"},
		wantCode: 0, junit: "audit-junit.xml", suites: 1, failures: 0, noSummary: true,
	}, {
		name:     "unmatched quote",
		inputs:   map[string]string{"args": `all 'clean`},
		wantCode: 2, noSummary: true,
		log: []string{"::error::audit action: cannot split args"},
	}}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			workspace := t.TempDir()
			for to, from := range c.accounts {
				copyAccount(t, workspace, from, to)
			}
			r := &actionRunner{
				t: t, action: action, actionPath: actionPath, runnerTemp: runnerTemp, fakeBin: fakeBin,
				inputs: c.inputs, outputs: map[string]map[string]string{}, env: map[string]string{},
				path: install.path,
			}
			for id, o := range install.outputs {
				r.outputs[id] = o
			}
			code := r.runSteps(workspace, auditStep, len(steps))
			log := r.log.String()
			if code != c.wantCode {
				t.Fatalf("exit code %d, want %d\n%s", code, c.wantCode, log)
			}
			for _, want := range c.log {
				if !strings.Contains(log, want) {
					t.Errorf("the log lacks %q:\n%s", want, log)
				}
			}
			out := r.outputs["audit"]
			if c.wantCode != 2 || c.junit != "" {
				if out["exit-code"] != strconv.Itoa(c.wantCode) {
					t.Errorf("output exit-code %q, want %d", out["exit-code"], c.wantCode)
				}
			}

			summary := r.summary.String()
			if c.noSummary && summary != "" {
				t.Errorf("job summary written:\n%s", summary)
			}
			rest := summary
			for _, want := range c.summary {
				i := strings.Index(rest, want)
				if i < 0 {
					t.Fatalf("the job summary lacks %q (in order):\n%s", want, summary)
				}
				rest = rest[i+len(want):]
			}
			if len(c.summary) > 0 && c.junit != "" {
				md, err := os.ReadFile(out["markdown"])
				if err != nil || !strings.Contains(summary, string(md)) {
					t.Errorf("output markdown %q is not the summary's report: %v", out["markdown"], err)
				}
			}

			if c.junit == "" {
				if out["junit"] != "" {
					t.Errorf("output junit %q, want none", out["junit"])
				}
				return
			}
			if out["junit"] != c.junit {
				t.Errorf("output junit %q, want %q", out["junit"], c.junit)
			}
			b, err := os.ReadFile(filepath.Join(workspace, c.junit))
			if err != nil {
				t.Fatalf("no JUnit report: %v\n%s", err, log)
			}
			var rep junitReport
			if err := xml.Unmarshal(b, &rep); err != nil {
				t.Fatalf("the JUnit report does not parse: %v\n%s", err, b)
			}
			if len(rep.Suites) != c.suites || rep.Failures != c.failures || rep.Tests == 0 {
				t.Errorf("JUnit: %d suites, %d tests, %d failures; want %d suites, %d failures", len(rep.Suites), rep.Tests, rep.Failures, c.suites, c.failures)
			}
			failed := 0
			for _, s := range rep.Suites {
				for _, tc := range s.Cases {
					if tc.Failure != nil {
						failed++
					}
				}
			}
			if failed != rep.Failures {
				t.Errorf("JUnit: %d <failure> elements, the totals say %d", failed, rep.Failures)
			}

			// Every output of the action is one the steps set.
			for name, o := range action.Outputs {
				m := expression.FindStringSubmatch(o.Value)
				if name == "markdown" && c.noSummary {
					continue
				}
				if m == nil || r.eval(o.Value) == "" {
					t.Errorf("action output %s = %q is empty after the run", name, o.Value)
				}
			}
		})
	}
	if b, err := os.ReadFile(calledNet); err == nil {
		t.Errorf("the action used the network in a from-source run:\n%s", b)
	}
}

// TestCIDocExamples parses every YAML example of docs/ci.md and checks that
// the steps using this action give it args and no input it lacks.
func TestCIDocExamples(t *testing.T) {
	action := readAction(t)
	b, err := os.ReadFile(filepath.Join("docs", "ci.md"))
	if err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```yaml\n(.*?)```").FindAllStringSubmatch(string(b), -1)
	if len(blocks) < 4 {
		t.Fatalf("docs/ci.md: %d yaml examples, want at least 4", len(blocks))
	}
	uses := 0
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			if u, _ := v["uses"].(string); strings.HasPrefix(u, "sellerhealth/audit@") {
				uses++
				with, _ := v["with"].(map[string]any)
				if _, ok := with["args"]; !ok {
					t.Errorf("docs/ci.md: a step uses %s without args", u)
				}
				for k := range with {
					if _, ok := action.Inputs[k]; !ok {
						t.Errorf("docs/ci.md: input %q is not in action.yml", k)
					}
				}
			}
			for _, e := range v {
				walk(e)
			}
		}
	}
	for _, m := range blocks {
		var doc any
		if err := yaml.Unmarshal([]byte(m[1]), &doc); err != nil {
			t.Errorf("docs/ci.md: %v in\n%s", err, m[1])
			continue
		}
		walk(doc)
	}
	if uses < 3 {
		t.Errorf("docs/ci.md: %d steps use the action, want at least 3", uses)
	}
}

// TestActionInstallsRelease runs the install step against a fake curl that
// serves a release made here (the binary TestMain built, archived as
// .goreleaser.yaml names it), so the asset name, the checksum check and the
// fallback to a build from source are tested without network.
func TestActionInstallsRelease(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	if runtime.GOOS == "windows" {
		t.Skip("the action's local run is tested on Linux and macOS")
	}
	action := readAction(t)
	if action.Runs.Steps[0].ID != "install" {
		t.Fatalf("action.yml: the first step is %q, want the install step", action.Runs.Steps[0].ID)
	}
	actionPath, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	bin, err := os.ReadFile(auditBin)
	if err != nil {
		t.Fatal(err)
	}

	// The release v9.8.7: its archive and checksums.txt.
	serve := t.TempDir()
	assetOf := func(tag string) string {
		return "audit_" + strings.TrimPrefix(tag, "v") + "_" + runtime.GOOS + "_" + runtime.GOARCH + ".tar.gz"
	}
	asset := assetOf("v9.8.7")
	var archive bytes.Buffer
	gz := gzip.NewWriter(&archive)
	tw := tar.NewWriter(gz)
	for _, f := range []struct {
		name string
		body []byte
		mode int64
	}{{"README.md", []byte("# audit\n"), 0o644}, {"audit", bin, 0o755}} {
		if err := tw.WriteHeader(&tar.Header{Name: f.name, Mode: f.mode, Size: int64(len(f.body)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(f.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := gz.Close(); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(archive.Bytes())
	writeRelease := func(tag, checksum string) {
		dir := filepath.Join(serve, tag)
		asset := assetOf(tag)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, asset), archive.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		sums := checksum + "  " + asset + "\n" + strings.Repeat("0", 64) + "  checksums-other.tar.gz\n"
		if err := os.WriteFile(filepath.Join(dir, "checksums.txt"), []byte(sums), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	writeRelease("v9.8.7", hex.EncodeToString(sum[:]))
	writeRelease("v6.6.6", strings.Repeat("f", 64)) // a tampered archive

	fakeBin := t.TempDir()
	calls := filepath.Join(t.TempDir(), "curl-calls")
	curl := `#!/bin/sh
echo "$*" >> '` + calls + `'
out= url=
while [ $# -gt 0 ]; do
  case "$1" in
    -o | -w | --retry) [ "$1" = -o ] && out=$2; shift 2 ;;
    -*) shift ;;
    *) url=$1; shift ;;
  esac
done
case "$url" in
  https://github.com/sellerhealth/audit/releases/latest)
    printf '%s' https://github.com/sellerhealth/audit/releases/tag/v9.8.7 ;;
  https://github.com/sellerhealth/audit/releases/download/*)
    f='` + serve + `'/${url#https://github.com/sellerhealth/audit/releases/download/}
    [ -f "$f" ] || { echo "curl: (22) 404 $url" >&2; exit 22; }
    cp "$f" "$out" ;;
  *) echo "curl: (6) unexpected $url" >&2; exit 6 ;;
esac
`
	if err := os.WriteFile(filepath.Join(fakeBin, "curl"), []byte(curl), 0o755); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct {
		name, ref, version string
		wantCode           int
		wantVersion        string // output version; "source": falls back to a build
		wantCalls          []string
		wantLog            string
	}{
		{name: "latest", wantVersion: "v9.8.7", wantCalls: []string{"releases/latest", "v9.8.7/" + asset, "v9.8.7/checksums.txt"}},
		{name: "the action's tag", ref: "v9.8.7", wantVersion: "v9.8.7", wantCalls: []string{"v9.8.7/" + asset}, wantLog: "installed audit v9.8.7"},
		{name: "a branch ref: latest", ref: "main", wantVersion: "v9.8.7", wantCalls: []string{"releases/latest"}},
		{name: "a version without v", version: "9.8.7", wantVersion: "v9.8.7"},
		{name: "no such release", version: "v1.0.0", wantVersion: "source", wantCalls: []string{"v1.0.0/audit_1.0.0_"}},
		{name: "a bad checksum", version: "v6.6.6", wantCode: 2, wantLog: "does not match checksums.txt"},
		{name: "not a tag", version: "v1;rm", wantCode: 2},
	} {
		t.Run(c.name, func(t *testing.T) {
			os.Remove(calls)
			r := &actionRunner{
				t: t, action: action, actionPath: actionPath, actionRef: c.ref, runnerTemp: t.TempDir(), fakeBin: fakeBin,
				inputs:  map[string]string{"version": c.version},
				outputs: map[string]map[string]string{}, env: map[string]string{},
			}
			code := r.runSteps(t.TempDir(), 0, 1)
			log := r.log.String()
			if code != c.wantCode {
				t.Fatalf("exit code %d, want %d\n%s", code, c.wantCode, log)
			}
			b, _ := os.ReadFile(calls)
			for _, want := range c.wantCalls {
				if !strings.Contains(string(b), want) {
					t.Errorf("curl was not asked for %q; calls:\n%s", want, b)
				}
			}
			if c.ref != "" && strings.HasPrefix(c.ref, "v") && strings.Contains(string(b), "releases/latest") {
				t.Errorf("the action's tag %s asked for the latest release", c.ref)
			}
			if !strings.Contains(log, c.wantLog) {
				t.Errorf("the log lacks %q:\n%s", c.wantLog, log)
			}
			if c.wantCode != 0 {
				return
			}
			out := r.outputs["install"]
			if out["version"] != c.wantVersion {
				t.Fatalf("output version %q, want %q\n%s", out["version"], c.wantVersion, log)
			}
			if c.wantVersion == "source" {
				if out["build"] != "true" {
					t.Errorf("output build %q, want true", out["build"])
				}
				return
			}
			if out["build"] != "false" || len(r.path) != 1 || filepath.Dir(out["bin"]) != r.path[0] {
				t.Errorf("outputs %v, GITHUB_PATH %v: want the binary's folder on the path and no build", out, r.path)
			}
			v, err := exec.Command(out["bin"], "version").CombinedOutput()
			if err != nil || !strings.Contains(string(v), e2eVersion) {
				t.Errorf("the installed audit: %v: %s", err, v)
			}
		})
	}
}

// TestActionShellcheck runs shellcheck, when it is installed, on each run
// step's script.
func TestActionShellcheck(t *testing.T) {
	shellcheck, err := exec.LookPath("shellcheck")
	if err != nil {
		t.Skip("shellcheck is not installed")
	}
	for _, st := range readAction(t).Runs.Steps {
		if st.Run == "" {
			continue
		}
		if expression.MatchString(st.Run) {
			t.Errorf("step %q: ${{ }} in the script: pass values through env instead", st.Name)
		}
		script := filepath.Join(t.TempDir(), "step.sh")
		if err := os.WriteFile(script, []byte(st.Run), 0o644); err != nil {
			t.Fatal(err)
		}
		if out, err := exec.Command(shellcheck, "-s", "bash", script).CombinedOutput(); err != nil {
			t.Errorf("step %q: shellcheck: %v\n%s", st.Name, err, out)
		}
	}
}
