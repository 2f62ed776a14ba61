"""Drawing and publishing: swimlane diagrams, DOT text, the static catalogue site and BPMN export."""
