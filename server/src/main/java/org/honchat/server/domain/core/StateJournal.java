package org.honchat.server.domain.core;

/**
 * Hears of every change to the state a cluster's hub must not lose (docs/cluster.md "When the hub node goes"): a
 * session's presence, buddies and clan, and a channel's settings and members. A mark is cheap and repeatable: the
 * journal reads the object's state later, on the hub thread, so one mark per object per batch is enough. Single
 * nodes use {@link #NONE}.
 */
public interface StateJournal {

    /** A session was registered, or something it carries changed. */
    void sessionChanged(ChatSession session);

    /** The session ended. */
    void sessionEnded(ChatSession session);

    /** A channel was created, or its settings or members changed. */
    void channelChanged(Channel channel);

    /** The channel is gone. */
    void channelEnded(Channel channel);

    StateJournal NONE = new StateJournal() {
        @Override
        public void sessionChanged(ChatSession session) {
        }

        @Override
        public void sessionEnded(ChatSession session) {
        }

        @Override
        public void channelChanged(Channel channel) {
        }

        @Override
        public void channelEnded(Channel channel) {
        }
    };
}
