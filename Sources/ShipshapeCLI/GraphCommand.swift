import ArgumentParser
import ShipshapeModel
import ShipshapePipeline

/// `shipshape graph`: a picture of the stack per environment (services, jobs, dependencies,
/// proxy routes) as Mermaid or Graphviz DOT, for reviews and READMEs.
struct GraphCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Draw the stack per environment: services, dependencies and proxy routes (Mermaid or DOT).",
        discussion: """
        One graph per environment (default: every environment the stack declares). Services are \
        boxes (jobs show their schedule), an arrow from A to B means A depends on B (dashed: \
        waits until started only), and the proxy's hosts route each path to a service.

        Examples:
          shipshape graph examples/openlearn --env production
          shipshape graph examples/openlearn --format dot --env production | dot \\
              -Tsvg > stack.svg
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case mermaid, dot
    }

    @OptionGroup var options: StackOptions

    @Option(name: .long, help: "An environment to draw (repeatable; default: all the stack declares).")
    var env: [String] = []

    @Option(name: .long, help: "mermaid (default; a ```mermaid block for Markdown) or dot (Graphviz).")
    var format: Format = .mermaid

    func run() throws {
        let pipeline = try options.pipeline()
        // The pipeline's stacks, resolved and rendered on every core: a stack that does not render
        // gets the same located errors as `render`, not a picture.
        let stacks = try pipeline.build(pipeline.environments(env)).map(\.stack)
        let graphs = stacks.map { format == .mermaid ? Self.mermaid($0) : Self.dot($0) }
        Console.out(graphs.joined(separator: "\n"))
    }

    /// A node id that both formats accept for any service name (DNS labels hold `-`).
    static func id(_ name: String) -> String {
        "s_" + name.replacingOccurrences(of: "-", with: "_")
    }

    static func label(_ service: Service) -> String {
        var parts = [service.name]
        if let blueprint = service.blueprint { parts.append("from \(blueprint)") }
        if let schedule = service.schedule { parts.append("job: \(schedule.cron.description)") }
        else if service.autoscale != nil { parts.append("autoscaled") }
        else if service.replicas != 1 { parts.append("\(service.replicas) replicas") }
        return parts.joined(separator: "<br/>")
    }

    static func mermaid(_ stack: ResolvedStack) -> String {
        var lines = ["```mermaid", "---", "title: \(stack.name) (\(stack.environment))", "---", "flowchart LR"]
        if let proxy = stack.proxy {
            let hosts = proxy.hosts.isEmpty ? "proxy" : proxy.hosts.joined(separator: "<br/>")
            lines.append("    proxy{{\"\(mermaidEscape(hosts))\(proxy.tls == nil ? "" : "<br/>TLS")\"}}")
        }
        for service in stack.services {
            let shape = service.schedule == nil ? ("[\"", "\"]") : ("([\"", "\"])")
            lines.append("    \(id(service.name))\(shape.0)\(mermaidEscape(label(service)))\(shape.1)")
        }
        if let proxy = stack.proxy {
            for route in proxy.routes {
                lines.append("    proxy -- \"\(mermaidEscape(route.path))\" --> \(id(route.service))")
            }
        }
        for service in stack.services {
            for dependency in service.dependsOn {
                let arrow = dependency.condition == .healthy ? "-->" : "-.->"
                lines.append("    \(id(service.name)) \(arrow) \(id(dependency.service))")
            }
        }
        lines.append("```")
        return lines.joined(separator: "\n") + "\n"
    }

    static func dot(_ stack: ResolvedStack) -> String {
        let graph = "\(stack.name)_\(stack.environment)".replacingOccurrences(of: "-", with: "_")
        var lines = ["digraph \(graph) {", "    rankdir=LR;",
                     "    label=\"\(dotEscape(stack.name)) (\(dotEscape(stack.environment)))\";",
                     "    node [shape=box];"]
        if let proxy = stack.proxy {
            let hosts = proxy.hosts.isEmpty ? "proxy" : proxy.hosts.map(dotEscape).joined(separator: "\\n")
            lines.append("    proxy [shape=hexagon, label=\"\(hosts)\(proxy.tls == nil ? "" : "\\nTLS")\"];")
        }
        for service in stack.services {
            let text = label(service).components(separatedBy: "<br/>").map(dotEscape).joined(separator: "\\n")
            let style = service.schedule == nil ? "" : ", style=rounded"
            lines.append("    \(id(service.name)) [label=\"\(text)\"\(style)];")
        }
        if let proxy = stack.proxy {
            for route in proxy.routes {
                lines.append("    proxy -> \(id(route.service)) [label=\"\(dotEscape(route.path))\"];")
            }
        }
        for service in stack.services {
            for dependency in service.dependsOn {
                let style = dependency.condition == .healthy ? "" : " [style=dashed]"
                lines.append("    \(id(service.name)) -> \(id(dependency.service))\(style);")
            }
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A double quote ends a Mermaid label; Mermaid spells it as an entity.
    static func mermaidEscape(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "#quot;")
    }

    /// A DOT string escapes `\\` and `"`.
    static func dotEscape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
    }
}
