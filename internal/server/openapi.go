package server

import (
	_ "embed"
	"net/http"
)

// openAPIDoc describes the API; TestOpenAPIMatchesRoutes keeps it true to
// the route table.
//
//go:embed openapi.json
var openAPIDoc []byte

func handleOpenAPI(w http.ResponseWriter, r *http.Request) error {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, err := w.Write(openAPIDoc)
	return err
}
