package dev.sukha.stack;

/** Broker and store control of the shared test stack, published as a JVM-wide MBean. */
public interface StackControlMBean {
    void stopBroker();

    void startBroker();

    void stopStore();

    void startStore();
}
