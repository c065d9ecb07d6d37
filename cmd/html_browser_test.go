package cmd

import (
	"context"
	"encoding/json"
	"html"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// browserWidth is the window the pages are looked at in: a laptop's.
const browserWidth = 1280

// measureScript, added at the end of a page, writes what a reader sees into
// the page's title as JSON, which --dump-dom then shows: how wide the
// document is, the text on screen (a closed <details> shows none), the
// dates that wrap, and the accounts the overview links to.
const measureScript = `<script>
(function () {
  var d = document.documentElement;
  var wrapped = [];
  document.querySelectorAll(".date").forEach(function (e) {
    var r = document.createRange();
    r.selectNodeContents(e);
    var tops = {};
    Array.prototype.forEach.call(r.getClientRects(), function (c) { tops[Math.round(c.top)] = true; });
    if (Object.keys(tops).length > 1) { wrapped.push(e.textContent); }
  });
  var wide = [];
  document.querySelectorAll("body *").forEach(function (e) {
    if (e.getBoundingClientRect().right > d.clientWidth + 1 && wide.length < 5) { wide.push(e.tagName + "." + e.className); }
  });
  var accounts = [];
  document.querySelectorAll("#overview tbody td:first-child a").forEach(function (a) { accounts.push(a.textContent); });
  document.title = JSON.stringify({scrollWidth: d.scrollWidth, clientWidth: d.clientWidth, text: document.body.innerText,
    wrapped: wrapped, wide: wide, accounts: accounts});
})();
</script>
`

type measures struct {
	ScrollWidth int      `json:"scrollWidth"`
	ClientWidth int      `json:"clientWidth"`
	Text        string   `json:"text"`
	Wrapped     []string `json:"wrapped"`
	Wide        []string `json:"wide"`
	Accounts    []string `json:"accounts"`
}

// chromium finds headless Chromium: the test is skipped without it, except
// in CI (CI=true), where .ci/run installs it and the test must run.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("CI=true but chromium is not installed (.ci/run installs it)")
	}
	t.Skip("chromium is not installed")
	return ""
}

// lookAt opens page in headless Chromium, browserWidth pixels wide, and
// returns what measureScript saw.
func lookAt(t *testing.T, bin, page string) measures {
	t.Helper()
	i := strings.LastIndex(page, "</body>")
	if i < 0 {
		t.Fatal("the page has no </body>")
	}
	dir, err := os.MkdirTemp("", "audit-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(dir) // not t.TempDir: Chromium's last writes may race its cleanup
	file := filepath.Join(dir, "page.html")
	if err := os.WriteFile(file, []byte(page[:i]+measureScript+page[i:]), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
		"--user-data-dir="+filepath.Join(dir, "profile"), "--window-size=1280,900", "--dump-dom", "file://"+file)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	m := regexp.MustCompile(`(?s)<title>(.*?)</title>`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("chromium's page has no title:\n%.2000s\n%s", out, stderr.String())
	}
	var got measures
	if err := json.Unmarshal([]byte(html.UnescapeString(string(m[1]))), &got); err != nil {
		t.Fatalf("the measures: %v\n%.2000s", err, m[1])
	}
	return got
}

// The pages in a browser at 1280 px, as a client reads them: no horizontal
// scroll, no date split over two lines, nothing technical on screen (the
// technical notes are collapsed), and on the fleet's page every account.
func TestHTMLInChromium(t *testing.T) {
	bin := chromium(t)
	pages := []struct {
		name     string
		args     []string
		accounts []string
	}{
		{"one account", []string{"all", "--as-of", "2026-11-20", "-o", "html", acme}, nil},
		{"accounts", []string{"all", "--as-of", "2026-11-20", "-o", "html", "--accounts", accountsDir},
			[]string{"broken", "acme-de", "acme-service", "acme-us", "allegro-seller", "kaufland-seller", "multi-helpdesk", "warn-only", "clean", "empty-window"}},
	}
	for _, p := range pages {
		t.Run(p.name, func(t *testing.T) {
			r := run(t, false, p.args...)
			if !strings.Contains(r.stdout, "</html>") {
				t.Fatalf("no page: %s", r.stderr)
			}
			m := lookAt(t, bin, r.stdout)
			if m.ClientWidth > browserWidth || m.ClientWidth < browserWidth-20 {
				t.Fatalf("the window is %d px wide, want %d", m.ClientWidth, browserWidth)
			}
			if m.ScrollWidth > browserWidth {
				t.Errorf("the page scrolls sideways: %d px wide at %d (too wide: %v)", m.ScrollWidth, browserWidth, m.Wide)
			}
			if len(m.Wrapped) > 0 {
				t.Errorf("dates split over two lines: %q", m.Wrapped)
			}
			for _, bad := range []string{"docs/", "testdata/", ".md", "skipped "} {
				if strings.Contains(m.Text, bad) {
					t.Errorf("the reader sees %q", bad)
				}
			}
			if !strings.Contains(m.Text, "Technical notes") {
				t.Error("the technical notes' summary is not on screen")
			}
			if strings.Join(m.Accounts, " ") != strings.Join(p.accounts, " ") {
				t.Errorf("the overview lists %q, want %q", m.Accounts, p.accounts)
			}
		})
	}
}
