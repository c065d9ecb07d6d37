package iostreams

import "testing"

func TestAutoColor(t *testing.T) {
	tests := []struct {
		name string
		tty  bool
		env  map[string]string
		want bool
	}{
		{"terminal", true, nil, true},
		{"pipe", false, nil, false},
		{"NO_COLOR=1", true, map[string]string{"NO_COLOR": "1"}, false},
		{"an empty NO_COLOR= is not a request (no-color.org)", true, map[string]string{"NO_COLOR": ""}, true},
		{"TERM=dumb on a terminal", true, map[string]string{"TERM": "dumb"}, false},
		{"TERM=xterm-256color", true, map[string]string{"TERM": "xterm-256color"}, true},
		{"CLICOLOR_FORCE in a pipe", false, map[string]string{"CLICOLOR_FORCE": "1"}, true},
		{"CLICOLOR_FORCE=0", false, map[string]string{"CLICOLOR_FORCE": "0"}, false},
		{"CLICOLOR_FORCE over TERM=dumb", true, map[string]string{"CLICOLOR_FORCE": "1", "TERM": "dumb"}, true},
		{"NO_COLOR over CLICOLOR_FORCE", true, map[string]string{"CLICOLOR_FORCE": "1", "NO_COLOR": "1"}, false},
		{"empty NO_COLOR, CLICOLOR_FORCE", false, map[string]string{"CLICOLOR_FORCE": "1", "NO_COLOR": ""}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lookup := func(k string) (string, bool) { v, ok := tt.env[k]; return v, ok }
			if got := autoColor(tt.tty, lookup); got != tt.want {
				t.Errorf("autoColor(tty=%v, %v) = %v, want %v", tt.tty, tt.env, got, tt.want)
			}
		})
	}
}

func TestNoColorEnv(t *testing.T) {
	t.Setenv("NO_COLOR", "")
	if NoColorEnv() {
		t.Error("an empty NO_COLOR counts as set")
	}
	t.Setenv("NO_COLOR", "1")
	if !NoColorEnv() {
		t.Error("NO_COLOR=1 does not count")
	}
}
