import ShipshapeModel

/// The objects a service needs: its workload (Deployment, StatefulSet or CronJob), Service,
/// ServiceAccount, HorizontalPodAutoscaler, PodDisruptionBudget and ConfigMaps.
struct Workloads {
    let stack: ResolvedStack
    let labels: Labels
    /// Whether objects get their fields (`RenderContext.bodies`): without, each object is its
    /// identity and metadata, as `validate` needs them.
    var bodies = true

    var namespace: String { stack.kubernetes.namespace }

    func objects(for service: Service) -> [KubernetesObject] {
        var objects: [KubernetesObject] = [serviceAccount(service)]
        objects += configMaps(service)
        if service.isJob {
            objects.append(cronJob(service))
            return objects
        }
        let stateful = service.volumes.contains(where: \.isPersistent)
        objects.append(stateful ? statefulSet(service) : deployment(service))
        if !service.ports.isEmpty {
            objects.append(kubernetesService(service, headless: stateful))
            // An alias is one more Service of the same pods (a DNS name of the namespace).
            objects += service.aliases.filter(Names.isServiceName).map {
                kubernetesService(service, headless: stateful, name: $0)
            }
        }
        if let autoscale = service.autoscale {
            objects.append(hpa(service, autoscale, kind: stateful ? "StatefulSet" : "Deployment"))
        }
        if effectiveReplicas(service) > 1 { objects.append(pdb(service)) }
        return objects
    }

    /// An object of `service`; `fields` is called, and the labels given, only when bodies are
    /// built.
    func object(_ apiVersion: String, _ kind: String, _ service: Service, name: String? = nil,
                _ fields: () -> [(key: String, value: DocNode)]) -> KubernetesObject {
        KubernetesObject(apiVersion: apiVersion, kind: kind, name: name ?? service.name, namespace: namespace,
                         labels: bodies ? labels.all(service) : [], fields: bodies ? fields() : [])
    }

    func serviceAccount(_ service: Service) -> KubernetesObject {
        object("v1", "ServiceAccount", service) { [("automountServiceAccountToken", .bool(false))] }
    }

    func configMaps(_ service: Service) -> [KubernetesObject] {
        service.volumes.compactMap { volume in
            guard case let .bind(_, contents) = volume.source else { return nil }
            return object("v1", "ConfigMap", service, name: PodTemplate.configMapName(service, volume)) {
                [("data", .map([(PodTemplate.configKey(volume), .string(contents))]))]
            }
        }
    }

    func template(_ service: Service) -> DocNode {
        PodTemplate(stack: stack, service: service, labels: labels).node
    }

    /// `spec.replicas`, left out when a HorizontalPodAutoscaler owns the count: every
    /// `kubectl apply` would otherwise reset it and the autoscaler scale it back.
    func replicas(_ service: Service) -> Int? {
        service.autoscale == nil ? service.replicas : nil
    }

    func deployment(_ service: Service) -> KubernetesObject {
        object("apps/v1", "Deployment", service) {
            var spec = DocMap()
            spec.set("replicas", replicas(service))
            spec.set("revisionHistoryLimit", 5)
            spec.set("selector", Labels.selectorNode(labels.selector(service)))
            if let rollout = service.rollout {
                spec.set("strategy", DocNode.map([("type", .string("RollingUpdate")), ("rollingUpdate", .map([
                    ("maxSurge", intOrPercent(rollout.maxSurge)),
                    ("maxUnavailable", intOrPercent(rollout.maxUnavailable)),
                ]))]))
            }
            spec.set("template", template(service))
            return [("spec", spec.node)]
        }
    }

    func statefulSet(_ service: Service) -> KubernetesObject {
        object("apps/v1", "StatefulSet", service) {
            var spec = DocMap()
            spec.set("replicas", replicas(service))
            spec.set("revisionHistoryLimit", 5)
            spec.set("serviceName", service.name)
            spec.set("selector", Labels.selectorNode(labels.selector(service)))
            if let rollout = service.rollout {
                let unavailable = rollout.maxUnavailable.isZero ? .count(1) : rollout.maxUnavailable
                spec.set("updateStrategy", DocNode.map([("type", .string("RollingUpdate")), ("rollingUpdate", .map([
                    ("maxUnavailable", intOrPercent(unavailable)),
                ]))]))
            }
            spec.set("template", template(service))
            spec.set("volumeClaimTemplates", DocNode.list(service.volumes.compactMap { volume in
                guard case let .persistent(size) = volume.source else { return nil }
                return .map([
                    ("metadata", .map([
                        ("name", .string(volume.name)),
                        ("labels", .map(labels.selector(service).map { ($0.0, DocNode.string($0.1)) })),
                    ])),
                    ("spec", .map([
                        ("accessModes", .list([.string("ReadWriteOnce")])),
                        ("resources", .map([("requests", .map([("storage", .string(size.text))]))])),
                    ])),
                ])
            }))
            return [("spec", spec.node)]
        }
    }

    func cronJob(_ service: Service) -> KubernetesObject {
        guard let schedule = service.schedule else { preconditionFailure("cronJob of a service without a schedule") }
        return object("batch/v1", "CronJob", service) {
            var spec = DocMap()
            spec.set("schedule", schedule.cron.text)
            spec.set("timeZone", schedule.timezone)
            spec.set("concurrencyPolicy", schedule.concurrency.rawValue.capitalized)
            spec.set("startingDeadlineSeconds", 300)
            spec.set("successfulJobsHistoryLimit", 3)
            spec.set("failedJobsHistoryLimit", 3)
            spec.set("jobTemplate", DocNode.map([
                ("spec", .map([("backoffLimit", .int(2)), ("template", template(service))])),
            ]))
            return [("spec", spec.node)]
        }
    }

    func kubernetesService(_ service: Service, headless: Bool, name: String? = nil) -> KubernetesObject {
        object("v1", "Service", service, name: name) {
            var spec = DocMap()
            spec.set("type", service.serviceType.rawValue)
            if headless { spec.set("clusterIP", "None") }
            spec.set("selector", DocNode.map(labels.selector(service).map { ($0.0, DocNode.string($0.1)) }))
            spec.set("ports", DocNode.list(service.ports.map { port in
                var p = DocMap()
                p.set("name", port.name)
                p.set("port", port.clusterPort)
                p.set("targetPort", port.name)
                p.set("protocol", port.protocol.rawValue.uppercased())
                p.set("nodePort", port.nodePort)
                return p.node
            }))
            return [("spec", spec.node)]
        }
    }

    func hpa(_ service: Service, _ autoscale: Autoscale, kind: String) -> KubernetesObject {
        object("autoscaling/v2", "HorizontalPodAutoscaler", service) {
            var metrics: [DocNode] = []
            for (name, percent) in [("cpu", autoscale.cpu), ("memory", autoscale.memory)] {
                guard let percent else { continue }
                metrics.append(.map([("type", .string("Resource")), ("resource", .map([
                    ("name", .string(name)),
                    ("target", .map([("type", .string("Utilization")), ("averageUtilization", .int(percent.value))])),
                ]))]))
            }
            for metric in autoscale.pods {
                metrics.append(.map([("type", .string("Pods")), ("pods", .map([
                    ("metric", .map([("name", .string(metric.metric))])),
                    ("target", .map([
                        ("type", .string("AverageValue")), ("averageValue", .string(metric.averageValue.text)),
                    ])),
                ]))]))
            }
            for metric in autoscale.external {
                var m = DocMap()
                m.set("name", metric.metric)
                if !metric.selector.isEmpty {
                    m.set("selector", DocNode.map([
                        ("matchLabels", .map(metric.selector.map { ($0.key, DocNode.string($0.value)) })),
                    ]))
                }
                metrics.append(.map([("type", .string("External")), ("external", .map([
                    ("metric", m.node),
                    ("target", .map([
                        ("type", .string("AverageValue")), ("averageValue", .string(metric.averageValue.text)),
                    ])),
                ]))]))
            }
            return [("spec", .map([
                ("scaleTargetRef", .map([
                    ("apiVersion", .string("apps/v1")), ("kind", .string(kind)), ("name", .string(service.name)),
                ])),
                ("minReplicas", .int(autoscale.min)), ("maxReplicas", .int(autoscale.max)),
                ("metrics", .list(metrics)),
            ]))]
        }
    }

    /// Keeps all but one replica up during voluntary disruptions (node drains), at any scale:
    /// `maxUnavailable` follows the autoscaler, where a fixed `minAvailable` would let a drain
    /// take all but that many pods of a scaled-up service.
    func pdb(_ service: Service) -> KubernetesObject {
        object("policy/v1", "PodDisruptionBudget", service) {
            [("spec", .map([
                ("maxUnavailable", .int(1)),
                ("selector", Labels.selectorNode(labels.selector(service))),
            ]))]
        }
    }

    func intOrPercent(_ value: IntOrPercent) -> DocNode {
        switch value {
        case let .count(n): .int(n)
        case let .percent(p): .string("\(p)%")
        }
    }
}
