/*
 * One node of a small OpenSearch cluster on the loopback interface, in a JVM of its own, so that a test can stop,
 * kill or pause (SIGSTOP) that node alone. deploy/opensearch/cluster.py starts three of them and waits for green.
 *
 * Usage: ClusterNode <home> <cluster name> <node number> <http port> <transport ports, comma-separated>
 * The node is named node-<number>; every node listed in the transport ports is a seed and cluster-manager-eligible.
 */
package govcms.opensearch;

import java.util.ArrayList;
import java.util.List;

import org.codelibs.opensearch.runner.OpenSearchRunner;

public final class ClusterNode {

    private static final String MODULES = String.join(",",
            "org.opensearch.analysis.common.CommonAnalysisPlugin", // whitespace tokenizer, lowercase, synonym_graph
            "org.opensearch.index.mapper.MapperExtrasPlugin",
            "org.opensearch.index.reindex.ReindexPlugin", // _reindex, for the synonyms' new index
            "org.opensearch.transport.Netty4Plugin"); // HTTP and the transport between nodes

    public static void main(final String[] args) throws Exception {
        if (args.length != 5) {
            System.err.println("usage: ClusterNode <home> <cluster name> <node number> <http port> <transport ports>");
            System.exit(2);
        }
        final String home = args[0];
        final String clusterName = args[1];
        final int number = Integer.parseInt(args[2]);
        final int httpPort = Integer.parseInt(args[3]);
        final String[] transportPorts = args[4].split(",");

        final List<String> seeds = new ArrayList<>();
        final List<String> managers = new ArrayList<>();
        for (int i = 0; i < transportPorts.length; i++) {
            seeds.add("127.0.0.1:" + transportPorts[i]);
            managers.add("node-" + (i + 1));
        }

        final OpenSearchRunner runner = new OpenSearchRunner();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runner.close();
            } catch (final Exception e) {
                System.err.println("closing node-" + number + ": " + e);
            }
        }));
        runner.onBuild((index, settings) -> {
            settings.put("node.name", "node-" + number);
            settings.put("network.host", "127.0.0.1");
            settings.put("http.port", String.valueOf(httpPort));
            settings.put("transport.port", transportPorts[number - 1]);
            settings.putList("discovery.seed_hosts", seeds);
            settings.putList("cluster.initial_cluster_manager_nodes", managers);
            settings.put("cluster.routing.allocation.disk.threshold_enabled", false); // a full disk is not our test
            settings.put("node.processors", 1); // three nodes share two cores
            settings.put("action.auto_create_index", false);
        });
        runner.build(OpenSearchRunner.newConfigs()
                .basePath(home)
                .clusterName(clusterName)
                .numOfNode(1)
                .moduleTypes(MODULES)
                .build());
        Thread.currentThread().join(); // until SIGTERM runs the shutdown hook
    }
}
