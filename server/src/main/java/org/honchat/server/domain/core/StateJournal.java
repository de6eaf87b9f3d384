package org.honchat.server.domain.core;

/**
 * Hears of every change to the state a cluster's hub must not lose (docs/cluster.md "When the hub node goes"): a
 * session's presence, buddies and clan, and a channel's settings and members. A mark is cheap and repeatable: the
 * journal reads the object's state later, on the hub thread, so one mark per object per batch is enough. Single
 * nodes use {@link #NONE}.
 */
public interface StateJournal {

    /** A session was registered, something it carries changed, or it ended (the journal asks the directory). */
    void sessionChanged(ChatSession session);

    /** A channel was created, its settings or members changed, or it is gone (the journal asks the directory). */
    void channelChanged(Channel channel);

    StateJournal NONE = new StateJournal() {
        @Override
        public void sessionChanged(ChatSession session) {
        }

        @Override
        public void channelChanged(Channel channel) {
        }
    };
}
