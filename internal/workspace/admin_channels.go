package workspace

import (
	"net/http"

	"github.com/groundcrew/groundcrew/internal/guard"
	"github.com/groundcrew/groundcrew/internal/web"
)

// The official channels page: the exchange's own e-mail addresses,
// domains, phone numbers and handles, which customers check on /verify and
// the guard compares links against (/api/v1/official-channels).

// channelKindLabels name the kinds for admins.
var channelKindLabels = map[string]string{
	guard.ChannelEmail: "E-mail address", guard.ChannelEmailDomain: "E-mail domain", guard.ChannelPhone: "Phone number",
	guard.ChannelTelegram: "Telegram account", guard.ChannelURLDomain: "Website domain", guard.ChannelXHandle: "X (Twitter) account",
}

// officialChannels: GET /admin/channels.
func (ws *Workspace) officialChannels(w http.ResponseWriter, r *http.Request) {
	ws.renderChannels(w, r, http.StatusOK, adminPage(r, "Official channels", "/admin/channels"))
}

func (ws *Workspace) renderChannels(w http.ResponseWriter, r *http.Request, status int, data map[string]any) {
	cs, err := ws.Admin.Official.Channels(r.Context())
	if err != nil {
		status = ws.failed(data, err)
	}
	data["Channels"], data["Kinds"] = cs, options(guard.ChannelKinds, channelKindLabels)
	data["KindLabels"] = channelKindLabels
	ws.render(w, status, "channels", data)
}

// addChannel: POST /admin/channels.
func (ws *Workspace) addChannel(w http.ResponseWriter, r *http.Request) {
	in := guard.NewChannel{Kind: r.PostFormValue("kind"), Value: r.PostFormValue("value"), Label: r.PostFormValue("label")}
	if _, err := ws.Admin.Official.AddChannel(r.Context(), in); err != nil {
		data := adminPage(r, "Official channels", "/admin/channels")
		data["Draft"] = in
		ws.renderChannels(w, r, ws.failed(data, err, "kind", "value", "label"), data)
		return
	}
	done(w, r, "/admin/channels", "channel")
}

// removeChannel: POST /admin/channels/{id}/remove.
func (ws *Workspace) removeChannel(w http.ResponseWriter, r *http.Request) {
	id, err := web.PathID(r, "id")
	if err == nil {
		err = ws.Admin.Official.RemoveChannel(r.Context(), id)
	}
	if err != nil {
		data := adminPage(r, "Official channels", "/admin/channels")
		ws.renderChannels(w, r, ws.failed(data, err), data)
		return
	}
	done(w, r, "/admin/channels", "channel-off")
}
