package engine

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/sellerhealth/audit/internal/health"
	"github.com/sellerhealth/audit/internal/settings"
)

// RunFleet audits each subfolder of dir as one account (audit all
// --accounts DIR): at most jobs accounts at once, each loaded and judged
// with the same settings, so each infers its own store and profile unless
// s names them. An account that cannot be read or audited gets its error
// and the others still run. The accounts come back in name order whatever
// order they finish in. Plain files and hidden folders (.git) in dir are
// not accounts and are passed over.
//
// each, when not nil, is called with every account's whole report (or
// its error) as soon as it is audited, from the job that audited it: up
// to jobs calls at once, in any order, i being the account's place in
// name order. It draws what it needs of the report (render.FleetWriter).
// The fleet keeps only each account's health.Summary, so memory grows
// with jobs, not with the number of accounts.
//
// progress, when not nil, is called from the calling goroutine with
// (0, total) before the first account and after each one finishes.
//
// The error is for dir itself: unreadable, not a folder, or without a
// single account folder.
func RunFleet(command, dir string, s settings.Settings, ids []string, jobs int, progress func(done, total int), each func(i int, a health.Account)) (*health.Fleet, error) {
	names, err := accountFolders(dir)
	if err != nil {
		return nil, err
	}
	f := &health.Fleet{Command: command, AsOf: s.AsOf, Accounts: make([]health.Account, len(names))}
	for i, name := range names {
		f.Accounts[i] = health.Account{Name: name, Path: filepath.Join(dir, name)}
	}
	if progress == nil {
		progress = func(int, int) {}
	}
	if each == nil {
		each = func(int, health.Account) {}
	}
	jobs = max(1, min(jobs, len(names)))
	todo := make(chan int)
	type result struct {
		i       int
		summary *health.Summary
		err     string
	}
	results := make(chan result)
	for range jobs {
		go func() {
			for i := range todo {
				a := f.Accounts[i] // name and path: read only while the jobs run
				rep, err := auditRecovering(command, a.Path, s, ids)
				r := result{i: i}
				if err != nil {
					rep, r.err = nil, err.Error()
				}
				r.summary = health.Summarize(rep)
				a.Report, a.Error = rep, r.err
				each(i, a)
				results <- r
			}
		}()
	}
	go func() {
		for i := range names {
			todo <- i
		}
		close(todo)
	}()
	progress(0, len(names))
	for done := 1; done <= len(names); done++ {
		r := <-results
		f.Accounts[r.i].Summary, f.Accounts[r.i].Error = r.summary, r.err
		progress(done, len(names))
	}
	f.Finish()
	return f, nil
}

// auditRecovering audits one account; a panic is that account's error,
// not the end of the fleet.
func auditRecovering(command, path string, s settings.Settings, ids []string) (rep *health.Report, err error) {
	defer func() {
		if p := recover(); p != nil {
			rep, err = nil, fmt.Errorf("%s: internal error (please report it): %v", path, p)
		}
	}()
	return auditAccount(command, path, s, ids)
}

// auditAccount loads and judges one account folder. Only the report
// outlives it: the loaded records are garbage once it returns, so a fleet
// holds one account's data per job at a time. A variable, so a test can
// make it panic.
var auditAccount = func(command, path string, s settings.Settings, ids []string) (*health.Report, error) {
	loaded, err := Load([]string{path}, s, ids)
	if err != nil {
		return nil, err
	}
	return Audit(command, loaded, s, ids)
}

// accountFolders lists the account folders of dir, sorted by name:
// subfolders (or links to folders) whose name does not start with a dot.
func accountFolders(dir string) ([]string, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s: no such folder", dir)
		}
		return nil, err
	}
	if !fi.IsDir() {
		return nil, fmt.Errorf("%s is a file, not a folder of accounts", dir)
	}
	entries, err := os.ReadDir(dir) // sorted by name
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		isDir := e.IsDir()
		if e.Type()&os.ModeSymlink != 0 {
			fi, err := os.Stat(filepath.Join(dir, e.Name()))
			isDir = err == nil && fi.IsDir()
		}
		if isDir {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s has no subfolders: each account is one folder of reports inside it", dir)
	}
	return names, nil
}
