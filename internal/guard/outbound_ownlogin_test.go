package guard

import "testing"

// TestOwnLogin: typing a code to log in, with nothing that names another
// page or a recipient, is the product's own instruction; the same words
// with a link, a bank's login or someone to send to are not.
func TestOwnLogin(t *testing.T) {
	tests := []struct {
		text string
		own  bool
	}{
		{"Please enter the code from Google Authenticator to log in.", true},
		{"Введите код из приложения-аутентификатора, чтобы войти.", true},
		{"Ingrese el código de su autenticador para iniciar sesión.", true},
		{"Enter the code from Google Authenticator at groundcrew-login.net to log in.", false},
		{"Send me the code from Google Authenticator so I can log in.", false},
		{"Enter your online banking password on the link to log in and claim the refund.", false},
		{"Enter the code here in the chat to log in.", false},
	}
	for _, tt := range tests {
		if got := analyseFor(tt.text).ownLogin(); got != tt.own {
			t.Errorf("ownLogin(%q) = %v, want %v", tt.text, got, tt.own)
		}
	}
	if v := CheckOutbound("Please enter the code from Google Authenticator to log in.", nil); len(v) > 0 {
		t.Errorf("the product's own login instruction refused: %v", v)
	}
}

func analyseFor(text string) *analysis { return readOutbound(nil, text).a }

// TestOwnLoginAfterEarlierMessages: the instruction stays honest after
// earlier messages, unless one of them gave a page to log in at.
func TestOwnLoginAfterEarlierMessages(t *testing.T) {
	const text = "Please enter the code from Google Authenticator to log in."
	if got := namesPage([]string{"I have reset your 2FA as you asked."}); got {
		t.Errorf("namesPage without an address = true")
	}
	if got := namesPage([]string{"Open groundcrew-verify.net first."}); !got {
		t.Errorf("namesPage with an address = false")
	}
	if v := CheckOutboundConversation([]string{"I have reset your 2FA as you asked."}, text, nil); len(v) > 0 {
		t.Errorf("the login instruction after a reset was refused: %v", v)
	}
}
