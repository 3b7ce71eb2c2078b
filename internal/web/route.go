package web

import "net/http"

// Perm names what a signed-in agent must be allowed to do to open a page.
// It lives here so that a page table can name it; internal/auth declares
// the permissions (auth.Perm is this type) and is the only place that
// decides who holds one.
type Perm string

// PageRoute is one page for the server's mux: its method and path, the
// permission it needs, and its handler. An empty Perm marks a page anyone
// may open (customers' pages, sign-in), which checks what it needs itself;
// internal/server serves the others behind the workspace's session and
// CSRF check. Every package with pages lists them in one table of these.
type PageRoute struct {
	Method, Path string
	Perm         Perm
	Handler      http.HandlerFunc
}

// Pattern is the route's http.ServeMux pattern.
func (rt PageRoute) Pattern() string { return rt.Method + " " + rt.Path }

// Public marks a page or an API route anyone may call.
const Public Perm = ""

// Get is a GET page; page tables are lists of Get and Post.
func Get(path string, perm Perm, h http.HandlerFunc) PageRoute {
	return PageRoute{http.MethodGet, path, perm, h}
}

// Post is a POST page (a form's target).
func Post(path string, perm Perm, h http.HandlerFunc) PageRoute {
	return PageRoute{http.MethodPost, path, perm, h}
}
