import Foundation
import ShipshapeModel
import ShipshapeRender
import Testing
import TestSupport
import Yams

/// Reads an example's committed Kubernetes documents back with a YAML parser, so assertions
/// see what kubectl would see.
struct Manifests {
    let documents: [[String: Any]]

    init(_ example: String, _ environment: String) throws {
        let files = try Rendering.committed(example, environment, .kubernetes)
        documents = try files.flatMap { file in
            try Yams.load_all(yaml: file.contents).compactMap { $0 as? [String: Any] }
        }
    }

    func object(_ kind: String, _ name: String) -> [String: Any]? {
        documents.first {
            $0["kind"] as? String == kind && ($0["metadata"] as? [String: Any])?["name"] as? String == name
        }
    }

    func all(_ kind: String) -> [[String: Any]] {
        documents.filter { $0["kind"] as? String == kind }
    }
}

func dig(_ value: Any?, _ path: Any...) -> Any? {
    var current = value
    for step in path {
        if let key = step as? String {
            current = (current as? [String: Any])?[key]
        } else if let index = step as? Int {
            current = (current as? [Any]).flatMap { index < $0.count ? $0[index] : nil }
        }
    }
    return current
}

@Suite struct KubernetesRendererTests {
    @Test func openLearnProductionAPI() throws {
        let m = try Manifests("openlearn", "production")
        let deployment = try #require(m.object("Deployment", "api"))
        #expect(dig(deployment, "metadata", "namespace") as? String == "openlearn-production")
        // The HorizontalPodAutoscaler owns the count: no spec.replicas for `kubectl apply` to reset.
        #expect(dig(deployment, "spec", "replicas") == nil)
        #expect(dig(try #require(m.object("HorizontalPodAutoscaler", "api")), "spec", "minReplicas") as? Int == 3)
        #expect(dig(deployment, "spec", "strategy", "type") as? String == "RollingUpdate")
        #expect(dig(deployment, "spec", "strategy", "rollingUpdate", "maxSurge") as? Int == 1)
        #expect(dig(deployment, "spec", "strategy", "rollingUpdate", "maxUnavailable") as? Int == 0)
        let container = try #require(dig(deployment, "spec", "template", "spec", "containers", 0) as? [String: Any])
        #expect(dig(container, "resources", "requests", "cpu") as? String == "500m")
        #expect(dig(container, "resources", "requests", "memory") as? String == "512Mi")
        #expect(dig(container, "resources", "limits", "cpu") as? String == "1000m")
        #expect(dig(container, "resources", "limits", "memory") as? String == "1Gi")
        #expect(dig(container, "ports", 0, "containerPort") as? Int == 8000)
        #expect(dig(container, "livenessProbe", "httpGet", "path") as? String == "/health/live")
        #expect(dig(container, "livenessProbe", "httpGet", "port") as? String == "http")
        #expect(dig(container, "livenessProbe", "initialDelaySeconds") as? Int == 30)
        #expect(dig(container, "livenessProbe", "periodSeconds") as? Int == 10)
        #expect(dig(container, "readinessProbe", "httpGet", "path") as? String == "/health/ready")
        #expect(dig(container, "readinessProbe", "initialDelaySeconds") as? Int == 10)
        #expect(dig(container, "readinessProbe", "periodSeconds") as? Int == 5)
        #expect(dig(container, "startupProbe", "httpGet", "path") as? String == "/health/startup")
        #expect(dig(container, "startupProbe", "periodSeconds") as? Int == 5)
        #expect(dig(container, "startupProbe", "failureThreshold") as? Int == 30)
        let env = try #require(dig(container, "env") as? [[String: Any]])
        // DATABASE_URL from the Secret, as a file (as on compose and systemd): never a value in the manifest.
        #expect(!env.contains { $0["name"] as? String == "DATABASE_URL" })
        let databaseURL = try #require(env.first { $0["name"] as? String == "DATABASE_URL_FILE" })
        #expect(databaseURL["value"] as? String == "/run/secrets/openlearn-secrets-database-url")
        let mounts = try #require(dig(container, "volumeMounts") as? [[String: Any]])
        #expect(
            mounts.contains {
                $0["name"] as? String == "shipshape-secrets" && $0["mountPath"] as? String == "/run/secrets"
                    && $0["readOnly"] as? Bool == true
            })
        let volumes = try #require(dig(deployment, "spec", "template", "spec", "volumes") as? [[String: Any]])
        let projected = try #require(volumes.first { $0["name"] as? String == "shipshape-secrets" })
        let source = try #require(dig(projected, "projected", "sources", 0, "secret") as? [String: Any])
        #expect(source["name"] as? String == "openlearn-secrets")
        let items = try #require(source["items"] as? [[String: Any]])
        #expect(
            items.contains {
                $0["key"] as? String == "database-url" && $0["path"] as? String == "openlearn-secrets-database-url"
            })
        // quoted, still a string
        #expect(env.first { $0["name"] as? String == "DEBUG" }?["value"] as? String == "false")
        // Hardened by the production profile.
        #expect(dig(container, "securityContext", "runAsNonRoot") as? Bool == true)
        #expect(dig(container, "securityContext", "readOnlyRootFilesystem") as? Bool == true)
        #expect(dig(container, "securityContext", "allowPrivilegeEscalation") as? Bool == false)
        #expect(dig(container, "securityContext", "capabilities", "drop") as? [String] == ["ALL"])
        #expect(dig(container, "securityContext", "seccompProfile", "type") as? String == "RuntimeDefault")
        #expect(dig(deployment, "spec", "template", "spec", "automountServiceAccountToken") as? Bool == false)

        let hpa = try #require(m.object("HorizontalPodAutoscaler", "api"))
        #expect(hpa["apiVersion"] as? String == "autoscaling/v2")
        #expect(dig(hpa, "spec", "minReplicas") as? Int == 3)
        #expect(dig(hpa, "spec", "maxReplicas") as? Int == 10)
        let metrics = try #require(dig(hpa, "spec", "metrics") as? [[String: Any]])
        #expect(dig(metrics[0], "resource", "name") as? String == "cpu")
        #expect(dig(metrics[0], "resource", "target", "averageUtilization") as? Int == 70)
        #expect(dig(metrics[1], "resource", "name") as? String == "memory")
        #expect(dig(metrics[1], "resource", "target", "averageUtilization") as? Int == 80)
        #expect(dig(metrics[2], "type") as? String == "Pods")
        #expect(dig(metrics[2], "pods", "metric", "name") as? String == "http_requests_per_second")
        #expect(dig(metrics[2], "pods", "target", "averageValue") as? String == "1000")

        let pdb = try #require(m.object("PodDisruptionBudget", "api"))
        #expect(dig(pdb, "spec", "maxUnavailable") as? Int == 1)  // all but one up, whatever the scale
        #expect(dig(pdb, "spec", "minAvailable") == nil)
        #expect(m.object("ExternalSecret", "openlearn-secrets") != nil)
    }

    @Test func openLearnJobsAreCronJobsInBogota() throws {
        let m = try Manifests("openlearn", "production")
        let expected = [
            "scrape-high": "*/15 * * * *", "scrape-medium": "*/30 * * * *", "scrape-low": "0 * * * *",
            "daily-analytics": "0 2 * * *", "weekly-trends": "0 3 * * SUN", "monthly-reports": "0 4 1 * *",
        ]
        for (name, schedule) in expected {
            let job = try #require(m.object("CronJob", name), "\(name)")
            #expect(dig(job, "spec", "schedule") as? String == schedule)
            #expect(dig(job, "spec", "timeZone") as? String == "America/Bogota")
            #expect(dig(job, "spec", "concurrencyPolicy") as? String == "Forbid")
            #expect(
                dig(job, "spec", "jobTemplate", "spec", "template", "spec", "restartPolicy") as? String == "OnFailure")
        }
    }

    @Test func openLearnIngressRoutes() throws {
        let m = try Manifests("openlearn", "production")
        let ingresses = m.all("Ingress")
        #expect(ingresses.count == 3)  // "/", "/health/live" without access log, "/metrics" with an allow-list
        let main = try #require(m.object("Ingress", "openlearn"))
        #expect(dig(main, "spec", "tls", 0, "hosts") as? [String] == ["api.openlearn.example.com"])
        #expect(dig(main, "metadata", "annotations", "nginx.ingress.kubernetes.io/ssl-redirect") as? String == "true")
        #expect(dig(main, "metadata", "annotations", "cert-manager.io/cluster-issuer") as? String == "letsencrypt-prod")
        let metrics = try #require(m.object("Ingress", "openlearn-metrics"))
        #expect(
            dig(metrics, "metadata", "annotations", "nginx.ingress.kubernetes.io/whitelist-source-range") as? String
                == "10.0.0.0/8")
        #expect(dig(metrics, "spec", "rules", 0, "http", "paths", 0, "path") as? String == "/metrics")
        let health = try #require(m.object("Ingress", "openlearn-health-live"))
        #expect(
            dig(health, "metadata", "annotations", "nginx.ingress.kubernetes.io/enable-access-log") as? String
                == "false")
    }

    @Test func openLearnStatefulDataServices() throws {
        let m = try Manifests("openlearn", "production")
        let postgres = try #require(m.object("StatefulSet", "postgres"))
        #expect(
            dig(postgres, "spec", "volumeClaimTemplates", 0, "spec", "resources", "requests", "storage") as? String
                == "20Gi")
        #expect(dig(m.object("Service", "postgres"), "spec", "clusterIP") as? String == "None")
        #expect(m.object("PodDisruptionBudget", "postgres") == nil)  // one replica
        let policy = try #require(m.object("NetworkPolicy", "postgres-ingress"))
        let from = try #require(dig(policy, "spec", "ingress", 0, "from") as? [[String: Any]])
        let clients = from.compactMap { dig($0, "podSelector", "matchLabels", "app.kubernetes.io/name") as? String }
        #expect(Set(clients) == ["api", "scheduler"])
        #expect(m.object("NetworkPolicy", "default-deny-ingress") != nil)
    }

    @Test func docScraperProduction() throws {
        let m = try Manifests("doc-scraper", "production")
        let apiHPA = try #require(m.object("HorizontalPodAutoscaler", "api"))
        #expect(dig(apiHPA, "spec", "minReplicas") as? Int == 2)
        #expect(dig(apiHPA, "spec", "maxReplicas") as? Int == 10)
        let worker = try #require(m.object("Deployment", "worker"))
        #expect(dig(worker, "spec", "replicas") == nil)
        #expect(dig(try #require(m.object("HorizontalPodAutoscaler", "worker")), "spec", "minReplicas") as? Int == 3)
        #expect(
            dig(worker, "spec", "template", "spec", "containers", 0, "command") as? [String] == [
                "celery", "-A", "app.worker", "worker",
            ])
        #expect(
            dig(worker, "spec", "template", "spec", "containers", 0, "args") as? [String] == [
                "--loglevel=info", "--concurrency=4",
            ])
        let workerHPA = try #require(m.object("HorizontalPodAutoscaler", "worker"))
        #expect(dig(workerHPA, "spec", "minReplicas") as? Int == 3)
        #expect(dig(workerHPA, "spec", "maxReplicas") as? Int == 20)
        let metrics = try #require(dig(workerHPA, "spec", "metrics") as? [[String: Any]])
        #expect(dig(metrics[0], "resource", "target", "averageUtilization") as? Int == 70)
        #expect(dig(metrics[1], "type") as? String == "External")
        #expect(dig(metrics[1], "external", "metric", "name") as? String == "redis_queue_depth")
        #expect(dig(metrics[1], "external", "target", "averageValue") as? String == "10")
        let ingress = try #require(m.object("Ingress", "doc-scraper"))
        #expect(dig(ingress, "spec", "tls", 0, "hosts") as? [String] == ["api.scraper.example.com"])
        #expect(dig(ingress, "spec", "tls", 0, "secretName") as? String == "scraper-tls")
        #expect(dig(ingress, "metadata", "annotations", "nginx.ingress.kubernetes.io/limit-rps") as? String == "100")
        #expect(m.object("StatefulSet", "db") == nil)  // managed database in production
    }

    @Test func renderingTwiceIsByteIdentical() throws {
        for example in ["openlearn", "doc-scraper"] {
            let first = try Rendering.files(example, target: .kubernetes)
            let second = try Rendering.files(example, target: .kubernetes)
            #expect(!first.isEmpty)
            #expect(first == second)
        }
    }

    /// kubernetes-validate --strict (and yamllint) accept every Kubernetes file of every example
    /// and environment. checkov runs in the examples' test.
    @Test(.enabled(if: Judges.enabled, Judges.skipReason)) func judgesAcceptEveryManifest() throws {
        try Judges.require()
        var files: [RenderedFile] = []
        for example in Repository.examples {
            files += try Rendering.files(example, target: .kubernetes).map {
                RenderedFile(path: "\(example)/\($0.path)", contents: $0.contents)
            }
        }
        #expect(files.count > 30)
        let verdict = try Judges.run(files, environment: ["JUDGE_SKIP": "checkov"])
        #expect(verdict.failed == 0, "\(verdict.failures)\n\(verdict.details)")
        #expect(
            verdict.lines.filter { $0.contains("kubernetes-validate") && $0.hasPrefix("PASS") }.count == files.count)
    }
}
