package workspace

import (
	"net/http"
	"time"

	"github.com/groundcrew/groundcrew/internal/ticket"
	"github.com/groundcrew/groundcrew/internal/web"
)

// encryption: GET /admin/encryption, the re-seal progress after a key rotation.
func (ws *Workspace) encryption(w http.ResponseWriter, r *http.Request) {
	data := adminPage(r, "Encryption at rest", "/admin/encryption")
	data["Scripts"] = []string{"encryption.js"}
	st, err := ws.Encryption.Status(r.Context())
	if err != nil {
		data["Error"] = ws.pageError(err)
		ws.render(w, web.Status(err), "encryption", data)
		return
	}
	data["Status"] = st
	data["Percent"] = sealedPercent(st)
	data["Started"], data["Finished"] = when(st.StartedAt), when(st.FinishedAt)
	ws.render(w, http.StatusOK, "encryption", data)
}

// sealedPercent is the share of bodies sealed with the active key, rounded
// down so that 100 means all of them.
func sealedPercent(st ticket.EncryptionStatus) int64 {
	if st.RowsTotal == 0 {
		return 100
	}
	return st.RowsSealedWithActiveKey * 100 / st.RowsTotal
}

// when formats an optional time for the page.
func when(t *time.Time) string {
	if t == nil {
		return "—"
	}
	return t.UTC().Format("2006-01-02 15:04:05 UTC")
}
