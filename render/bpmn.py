"""BPMN 2.0 export: a procedure as a BPMN process with its diagram (BPMNDI), written with lxml.

The last stage after ``render/bpmn_graph.py`` (what the process is) and ``render/bpmn_layout.py``
(where it is drawn). The file validates against the OMG BPMN 2.0 XSD, opens laid out in bpmn.io
and Camunda Modeler, and runs in SpiffWorkflow.
"""

from __future__ import annotations

from urllib.parse import quote

from lxml import etree

from motcua.engine.spec.model import Agency, Procedure
from motcua.render.bpmn_graph import ProcessGraph, build_graph, clean, outcome_variable
from motcua.render.bpmn_layout import Bounds, Geometry, lay_out

__all__ = ["export_bpmn", "outcome_variable"]

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI, "xsi": XSI}

# Conditions and timer values are Python expressions, the dialect SpiffWorkflow evaluates; the
# BPMN spec lets a file name its expression language, so it says so rather than imply XPath.
PYTHON = "https://docs.python.org/3/reference/expressions.html"


def _q(ns: str, tag: str) -> str:
    return f"{{{ns}}}{tag}"


def _sub(parent: etree._Element, tag: str, text: str | None = None, ns: str = BPMN, **attrs: str) -> etree._Element:
    element = etree.SubElement(parent, _q(ns, tag), {k: v for k, v in attrs.items() if v})
    if text:
        element.text = text
    return element


def _expression(parent: etree._Element, tag: str, text: str) -> None:
    element = _sub(parent, tag, text)
    element.set(_q(XSI, "type"), "bpmn:tFormalExpression")


def _documentation(parent: etree._Element, text: str) -> None:
    if text:
        _sub(parent, "documentation", text)


def _write_process(root: etree._Element, graph: ProcessGraph) -> None:
    process = _sub(root, "process", id=graph.id, name=graph.name, isExecutable="true")
    _documentation(process, graph.documentation)
    lane_set = _sub(process, "laneSet", id=f"LaneSet_{graph.id}")
    for lane in graph.lanes:
        element = _sub(lane_set, "lane", id=lane.id, name=lane.name)
        for n in graph.nodes:
            if n.lane == lane.unit:
                _sub(element, "flowNodeRef", n.id)

    containers: dict[str | None, etree._Element] = {None: process}
    incoming: dict[str, list[str]] = {n.id: [] for n in graph.nodes}
    outgoing: dict[str, list[str]] = {n.id: [] for n in graph.nodes}
    for f in graph.flows:
        outgoing[f.source].append(f.id)
        incoming[f.target].append(f.id)
    for n in graph.nodes:
        element = _sub(
            containers[n.parent], n.kind, id=n.id, name=n.name,
            gatewayDirection=n.direction or "", attachedToRef=n.attached_to or "",
        )
        if n.kind == "boundaryEvent":
            element.set("cancelActivity", "true")
        _documentation(element, n.documentation)
        for flow_id in incoming[n.id]:
            _sub(element, "incoming", flow_id)
        for flow_id in outgoing[n.id]:
            _sub(element, "outgoing", flow_id)
        if n.timer is not None:
            definition = _sub(element, "timerEventDefinition", id=f"{n.id}_definition")
            # A string literal whose value is the ISO 8601 duration: Spiff evaluates timer
            # expressions as Python, where a bare P10D would be an unknown name.
            _expression(definition, "timeDuration", f'"{n.timer}"')
        if n.kind == "subProcess":
            containers[n.id] = element
    for f in graph.flows:
        flow = _sub(containers[f.parent], "sequenceFlow", id=f.id, name=f.name, sourceRef=f.source, targetRef=f.target)
        if f.condition is not None:
            _expression(flow, "conditionExpression", f.condition)


def _bounds(parent: etree._Element, b: Bounds) -> None:
    _sub(parent, "Bounds", ns=DC, x=str(b.x), y=str(b.y), width=str(b.width), height=str(b.height))


def _write_diagram(root: etree._Element, graph: ProcessGraph, geometry: Geometry, collaboration: str,
                   participant: str) -> None:
    diagram = _sub(root, "BPMNDiagram", ns=BPMNDI, id=f"Diagram_{graph.id}", name=graph.name)
    plane = _sub(diagram, "BPMNPlane", ns=BPMNDI, id=f"Plane_{graph.id}", bpmnElement=collaboration)

    def shape(element_id: str, b: Bounds, **attrs: str) -> None:
        element = _sub(plane, "BPMNShape", ns=BPMNDI, id=f"{element_id}_di", bpmnElement=element_id, **attrs)
        _bounds(element, b)
        if element_id in geometry.labels:
            _bounds(_sub(element, "BPMNLabel", ns=BPMNDI), geometry.labels[element_id])

    shape(participant, geometry.pool, isHorizontal="true")
    for lane in graph.lanes:
        shape(lane.id, geometry.shapes[lane.id], isHorizontal="true")
    # Containers before what they contain, so a subprocess is drawn under its children.
    for n in sorted(graph.nodes, key=lambda n: (n.kind != "subProcess", n.kind == "boundaryEvent")):
        shape(n.id, geometry.shapes[n.id], isExpanded="true" if n.kind == "subProcess" else "",
              isMarkerVisible="true" if n.kind == "exclusiveGateway" else "")
    for f in graph.flows:
        edge = _sub(plane, "BPMNEdge", ns=BPMNDI, id=f"{f.id}_di", bpmnElement=f.id)
        for x, y in geometry.edges[f.id]:
            _sub(edge, "waypoint", ns=DI, x=str(x), y=str(y))
        if f.id in geometry.labels:
            _bounds(_sub(edge, "BPMNLabel", ns=BPMNDI), geometry.labels[f.id])


def export_bpmn(procedure: Procedure, *, agency: Agency, lang: str | None = None) -> bytes:
    """The procedure as a BPMN 2.0 XML document (UTF-8 bytes); the same input gives the same bytes.

    The pool is the agency, with a lane per unit; each decision writes its outcome to the process
    variable ``outcome_variable(step.id)``, which the gateway after it compares with the outcome names.
    ``lang`` picks the language of names and notes (default: the agency's first language).
    """
    graph = build_graph(procedure, agency=agency, lang=lang)
    geometry = lay_out(graph)
    parts = (procedure.agency, procedure.id, procedure.version)
    target = "urn:motcua:" + ":".join(quote(part, safe="") for part in parts)
    root = etree.Element(
        _q(BPMN, "definitions"),
        {
            "id": f"Definitions_{procedure.id}",
            "targetNamespace": target,
            "expressionLanguage": PYTHON,
            "exporter": "motcua",
        },
        nsmap=NSMAP,
    )
    collaboration = f"Collaboration_{procedure.id}"
    participant = f"Participant_{procedure.id}"
    element = _sub(root, "collaboration", id=collaboration)
    _sub(element, "participant", id=participant, name=clean(graph.pool_name), processRef=graph.id)
    _write_process(root, graph)
    _write_diagram(root, graph, geometry, collaboration, participant)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
