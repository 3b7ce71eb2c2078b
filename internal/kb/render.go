package kb

import (
	"bytes"
	"html/template"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"
)

// Markdown turns article text into HTML. Raw HTML in the source passes
// goldmark (editors may use a <kbd> or a table) and is then sanitised, so
// whatever an editor or a compromised account writes, the page gets no
// script, no event handler, no javascript: link and no iframe.
var markdown = goldmark.New(goldmark.WithExtensions(extension.Table, extension.Strikethrough, extension.Linkify),
	goldmark.WithRendererOptions(gmhtml.WithUnsafe()))

var sanitiser = func() *bluemonday.Policy {
	p := bluemonday.UGCPolicy()
	p.RequireNoFollowOnLinks(true)
	p.AddTargetBlankToFullyQualifiedLinks(true)
	return p
}()

// Render returns the sanitised HTML of a Markdown text.
func Render(src string) template.HTML {
	var buf bytes.Buffer
	if err := markdown.Convert([]byte(src), &buf); err != nil {
		// goldmark fails only on a failing writer; show the text escaped.
		return template.HTML(template.HTMLEscapeString(src))
	}
	return template.HTML(sanitiser.SanitizeBytes(buf.Bytes()))
}
