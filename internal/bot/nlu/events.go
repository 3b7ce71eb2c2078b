package nlu

import "github.com/groundcrew/groundcrew/internal/bus"

// TrainingChangedTopic: operators added or removed an intent or a training
// phrase; every node's analyser reloads the phrases and retrains (docs/events.md).
var TrainingChangedTopic = bus.NewTopic[TrainingChanged]("nlu.training_changed", 1)

// Topics is the package's catalogue.
func Topics() []bus.Kind { return []bus.Kind{TrainingChangedTopic} }

// TrainingChanged names the intent whose training changed.
type TrainingChanged struct {
	Intent string `json:"intent"`
}
