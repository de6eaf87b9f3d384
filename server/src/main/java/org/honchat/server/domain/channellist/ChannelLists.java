package org.honchat.server.domain.channellist;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.honchat.protocol.ClientboundPacket;
import org.honchat.protocol.clientbound.ChannelListPackets.ChannelInfo;
import org.honchat.protocol.clientbound.ChannelListPackets.ChannelInfoSub;
import org.honchat.protocol.clientbound.ChannelListPackets.ChannelListSyn;
import org.honchat.protocol.clientbound.ChannelListPackets.ChannelSublistEnd;
import org.honchat.protocol.clientbound.ChannelListPackets.ChannelSublistStart;
import org.honchat.protocol.clientbound.ChannelListPackets.ChannelSublistSyn;
import org.honchat.protocol.wire.FrameEncoder;
import org.honchat.server.domain.core.Channel;
import org.honchat.server.domain.core.ChatSession;
import org.honchat.server.domain.core.Directory;
import org.honchat.server.domain.core.Outbox;

/**
 * The channel list, docs/protocol.md §6.10: the full listing ({@code 0x0C01}, acknowledged batch by batch with
 * {@code 0x0C02}) and the prefix sub-list the 4.10 client asks for while a channel name is typed ({@code 0x0C03},
 * {@code 0x0C04}). A session has at most one listing; a new sub-list cancels the running one. Channels are listed in
 * ascending id, only those the session may see ({@link Channel#visibleTo}). Hub thread only.
 */
public final class ChannelLists {

    /** §4.8: entries per batch. */
    static final int BATCH_ENTRIES = 140;
    /** §6.10: a longer prefix is ignored. */
    static final int MAX_PREFIX = 32;

    /** One running listing: full or a sub-list, where the next batch starts, and whether it waits for an ACK. */
    private static final class Listing {
        final boolean full;
        final int sequence;
        final String prefix;
        long nextChannelId;
        boolean waiting;

        Listing(boolean full, int sequence, String prefix) {
            this.full = full;
            this.sequence = sequence;
            this.prefix = prefix;
        }
    }

    private final Outbox out;
    private final Directory directory;
    private final Map<ChatSession, Listing> listings = new HashMap<>();

    public ChannelLists(Outbox out, Directory directory) {
        this.out = out;
        this.directory = directory;
    }

    /** {@code 0x0C01}: ignored while any listing runs (S2 did not restart one); else the first batch. */
    public void requestFull(ChatSession s) {
        if (listings.containsKey(s)) {
            return;
        }
        Listing listing = new Listing(true, 0, "");
        listings.put(s, listing);
        sendBatch(s, listing);
    }

    /** {@code 0x0C02}: the next batch of a full listing that waits for it; otherwise ignored. */
    public void acknowledgeFull(ChatSession s) {
        Listing listing = listings.get(s);
        if (listing != null && listing.full && listing.waiting) {
            listing.waiting = false;
            sendBatch(s, listing);
        }
    }

    /**
     * {@code 0x0C03}: a prefix of more than 32 code points changes nothing; otherwise any running listing is
     * replaced, {@code 0x1C04} goes out in a frame of its own, then the first batch.
     */
    public void requestSublist(ChatSession s, int sequence, String prefix) {
        if (prefix.codePointCount(0, prefix.length()) > MAX_PREFIX) {
            return;
        }
        String lowered = prefix.toLowerCase(Locale.ROOT);
        Listing listing = new Listing(false, sequence, lowered);
        listings.put(s, listing);
        out.send(s, new ChannelSublistStart(sequence, lowered));
        sendBatch(s, listing);
    }

    /** {@code 0x0C04}: the next batch of the running sub-list, if it waits and the sequence is its own. */
    public void acknowledgeSublist(ChatSession s, int sequence) {
        Listing listing = listings.get(s);
        if (listing != null && !listing.full && listing.waiting && listing.sequence == sequence) {
            listing.waiting = false;
            sendBatch(s, listing);
        }
    }

    /** The session went: its listing with it. */
    public void disconnected(ChatSession s) {
        listings.remove(s);
    }

    /**
     * One batch from the listing's position: up to 140 visible entries, fewer when the next one would make the frame
     * pass 16384 bytes (§1.4), then {@code 0x1C03} (full) or {@code 0x1C06}/{@code 0x1C07} (sub-list) in the same
     * frame. When channels remain after the last one scanned, the listing waits for the client's ACK.
     */
    private void sendBatch(ChatSession s, Listing listing) {
        List<ClientboundPacket> frame = new ArrayList<>();
        // the two trailers of a sub-list are the same size, so the room left is known before the scan ends
        ClientboundPacket trailer = listing.full ? ChannelListSyn.INSTANCE : new ChannelSublistEnd(listing.sequence);
        int bytes = 2 + FrameEncoder.commandSize(trailer);
        boolean more = false;
        for (Channel channel : directory.channelsFrom(listing.nextChannelId)) {
            if (frame.size() == BATCH_ENTRIES) {
                more = true;
                break;
            }
            if (channel.visibleTo(s) && channel.key.startsWith(listing.prefix)) {
                ClientboundPacket entry = entry(listing, channel);
                int size = FrameEncoder.commandSize(entry);
                if (bytes + size > FrameEncoder.MAX_FRAME_BYTES) {
                    more = true;
                    break;
                }
                frame.add(entry);
                bytes += size;
            }
            listing.nextChannelId = channel.id + 1;
        }
        if (listing.full) {
            frame.add(ChannelListSyn.INSTANCE);
        } else {
            frame.add(more ? new ChannelSublistSyn(listing.sequence) : new ChannelSublistEnd(listing.sequence));
        }
        listing.waiting = more;
        if (!more) {
            listings.remove(s);
        }
        out.sendBatch(s, frame);
    }

    private static ClientboundPacket entry(Listing listing, Channel channel) {
        int members = Math.min(channel.members.size(), 0xFFFF);
        return listing.full ? new ChannelInfo(channel.id, channel.name, members)
                : new ChannelInfoSub(listing.sequence, channel.id, channel.name, members);
    }
}
