package org.honchat.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The hub's link to a connection: frames copied into one buffer per flush, the slow-consumer count exact. */
class ConnectionLinkTest {

    private static ByteBuf frame(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.US_ASCII);
    }

    @Test
    void framesHandedOverBetweenFlushesLeaveAsOneWriteInOrder() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ConnectionLink link = new ConnectionLink(channel);
        ByteBuf shared = frame("shared");
        shared.retain(); // a second recipient's reference, as the hub hands one frame to many links
        link.handedOver(6 + 3);
        ByteBuf own = frame("own");
        assertThat(link.writeNow(shared)).as("the first write since the last flush").isTrue();
        assertThat(link.writeNow(own)).as("already waiting for a flush").isFalse();
        assertThat(shared.refCnt()).as("the link copies; the caller's references stay the caller's").isEqualTo(2);
        own.release();
        shared.release();
        assertThat(shared.readerIndex()).as("a shared frame's indices never move").isZero();
        assertThat((Object) channel.readOutbound()).as("nothing leaves before the flush").isNull();
        assertThat(link.pendingBytes()).isEqualTo(9);
        link.flushNow();
        ByteBuf written = channel.readOutbound();
        assertThat(written.toString(StandardCharsets.US_ASCII)).isEqualTo("sharedown");
        assertThat((Object) channel.readOutbound()).as("one write for both frames").isNull();
        assertThat(link.pendingBytes()).as("the embedded channel took it all").isZero();
        written.release();
        shared.release();
        link.flushNow(); // nothing batched: nothing written
        assertThat((Object) channel.readOutbound()).isNull();
        channel.finishAndReleaseAll();
    }

    @Test
    void aBacklogPastTheBatchLimitIsPassedOnInPiecesThatLeaveInOrderAtTheFlush() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ConnectionLink link = new ConnectionLink(channel);
        int frames = ConnectionLink.MAX_BATCH_BYTES / 1000 + 5;
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < frames; i++) {
            String text = String.format("%04d", i).repeat(250); // 1,000 bytes
            expected.append(text);
            link.handedOver(text.length());
            ByteBuf frame = frame(text);
            link.writeNow(frame);
            frame.release();
        }
        assertThat((Object) channel.readOutbound()).as("nothing leaves before the flush").isNull();
        // Netty's outbound buffer adds a small overhead per entry to what it counts
        assertThat(link.pendingBytes()).as("the passed-on piece counts in the outbound buffer")
                .isBetween(frames * 1000L, frames * 1000L + 200);
        link.flushNow();
        ByteBuf first = channel.readOutbound();
        ByteBuf second = channel.readOutbound();
        assertThat(first.readableBytes()).isLessThanOrEqualTo(ConnectionLink.MAX_BATCH_BYTES);
        assertThat(first.toString(StandardCharsets.US_ASCII) + second.toString(StandardCharsets.US_ASCII))
                .isEqualTo(expected.toString());
        assertThat((Object) channel.readOutbound()).isNull();
        first.release();
        second.release();
        channel.finishAndReleaseAll();
    }

    @Test
    void closeWritesWhatWasBatchedFirst() {
        EmbeddedChannel channel = new EmbeddedChannel();
        ConnectionLink link = new ConnectionLink(channel);
        link.handedOver(4);
        ByteBuf last = frame("last");
        link.writeNow(last);
        last.release();
        link.closeNow();
        ByteBuf written = channel.readOutbound();
        assertThat(written.toString(StandardCharsets.US_ASCII)).isEqualTo("last");
        written.release();
        assertThat(channel.isOpen()).isFalse();
        channel.finishAndReleaseAll();
    }
}
