package server

import (
	"context"
	"fmt"

	"github.com/groundcrew/groundcrew/internal/workspace"
)

// demoMacros are the demo's canned replies: a few, in several languages.
// Each passes the outbound guard once applied (TestDemoMacrosPassTheGuard).
var demoMacros = []workspace.MacroInput{
	{Name: "Greeting", Language: "en", Body: "Hi {{customer.first_name}}, thanks for contacting us. I'm {{agent.name}} and I'm looking into ticket #{{ticket.number}} now."},
	{Name: "Greeting", Language: "es", Body: "Hola {{customer.first_name}}, gracias por escribirnos. Soy {{agent.name}} y ya estoy revisando el ticket #{{ticket.number}}."},
	{Name: "Greeting", Language: "ru", Body: "Здравствуйте, {{customer.first_name}}! Спасибо за обращение. Меня зовут {{agent.name}}, я уже занимаюсь обращением #{{ticket.number}}."},
	{Name: "Greeting", Language: "ar", Body: "مرحبًا {{customer.first_name}}، شكرًا لتواصلك معنا. أنا {{agent.name}} وأعمل الآن على التذكرة رقم {{ticket.number}}."},
	{Name: "Greeting", Language: "zh", Body: "{{customer.first_name}}您好，感谢您的联系。我是{{agent.name}}，正在处理您的工单 #{{ticket.number}}。"},
	{Name: "Deposit check result", Language: "en", Body: "Hi {{customer.first_name}}, I checked your deposit on the blockchain:\n\n{{diagnosis}}\n\nIf anything is unclear, just reply here.\n{{agent.name}}"},
	{Name: "Deposit check result", Language: "es", Body: "Hola {{customer.first_name}}, he revisado tu depósito en la blockchain:\n\n{{diagnosis}}\n\nSi algo no queda claro, responde aquí.\n{{agent.name}}"},
	{Name: "Deposit check result", Language: "de", Body: "Hallo {{customer.first_name}}, ich habe Ihre Einzahlung auf der Blockchain geprüft:\n\n{{diagnosis}}\n\nBei Fragen antworten Sie einfach hier.\n{{agent.name}}"},
	{Name: "Solved, closing", Language: "en", Body: "Glad we could sort this out, {{customer.first_name}}. I'm marking ticket #{{ticket.number}} as solved; reply here any time if you need more help."},
	{Name: "Solved, closing", Language: "ru", Body: "Рады, что вопрос решён, {{customer.first_name}}. Я отмечаю обращение #{{ticket.number}} как решённое; если понадобится помощь, просто ответьте здесь."},
	{Name: "Solved, closing", Language: "fr", Body: "Ravi que ce soit réglé, {{customer.first_name}}. Je marque le ticket #{{ticket.number}} comme résolu ; répondez ici si vous avez besoin d'aide."},
}

// seedDemoMacros adds the demo macros.
func (a *App) seedDemoMacros(ctx context.Context) error {
	for _, m := range demoMacros {
		if _, err := a.macros.Macros.Create(ctx, 0, m); err != nil {
			return fmt.Errorf("seed demo macro %s (%s): %w", m.Name, m.Language, err)
		}
	}
	return nil
}
