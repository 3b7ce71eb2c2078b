package kb

import "github.com/groundcrew/groundcrew/internal/bus"

// The events the knowledge base emits (docs/events.md lists them). Every
// node's search index subscribes to them to stay current.
var (
	// ArticleChangedTopic: a translation was saved, changed status, or its
	// article's category or audience changed.
	ArticleChangedTopic = bus.NewTopic[ArticleChanged]("kb.article_changed", 1)
	// ArticleRemovedTopic: an article and all its translations were removed.
	ArticleRemovedTopic = bus.NewTopic[ArticleRemoved]("kb.article_removed", 1)
)

// Topics is the package's catalogue.
func Topics() []bus.Kind { return []bus.Kind{ArticleChangedTopic, ArticleRemovedTopic} }

// ArticleChanged names the article and the language that changed ("" for
// all of them).
type ArticleChanged struct {
	ArticleID int64  `json:"article_id"`
	Lang      string `json:"lang,omitempty"`
}

// ArticleRemoved names the removed article.
type ArticleRemoved struct {
	ArticleID int64 `json:"article_id"`
}
