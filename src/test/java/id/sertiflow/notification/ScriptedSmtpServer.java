package id.sertiflow.notification;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP server that misbehaves on purpose, for what GreenMail will not do: it can refuse every
 * connection with a 421, hold a connection without a word (a slow server), or refuse a recipient
 * with a 550 (an address that does not exist). Otherwise it takes each message as a real server
 * would and keeps its {@code Message-ID}, and nothing else: the e-mail benchmark sends it 100,000
 * (reliability.MailThroughput).
 */
public final class ScriptedSmtpServer implements AutoCloseable {

  public enum Behaviour { ACCEPT, REFUSE, SILENT }

  private final ServerSocket socket;
  private final Thread acceptor;
  private final List<Socket> connections = new CopyOnWriteArrayList<>();
  /** The Message-IDs of the messages taken, in order; a message sent twice shows twice. */
  public final List<String> accepted = new CopyOnWriteArrayList<>();
  volatile Behaviour behaviour = Behaviour.ACCEPT;
  /** Recipients containing this are refused with 550. */
  volatile String refusedRecipient = "bounce";

  public ScriptedSmtpServer() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    acceptor = new Thread(this::acceptAll, "scripted-smtp");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** Connections taken so far. */
  public int connections() {
    return connections.size();
  }

  public int port() {
    return socket.getLocalPort();
  }

  private void acceptAll() {
    while (!socket.isClosed()) {
      try {
        Socket client = socket.accept();
        connections.add(client);
        Thread session = new Thread(() -> converse(client), "scripted-smtp-session");
        session.setDaemon(true);
        session.start();
      } catch (IOException closed) {
        return;
      }
    }
  }

  private void converse(Socket client) {
    try (client) {
      BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(),
          StandardCharsets.UTF_8));
      OutputStream out = client.getOutputStream();
      switch (behaviour) {
        case SILENT -> {
          // say nothing until the client gives up
          while (in.read() >= 0) {
            // drain
          }
          return;
        }
        case REFUSE -> {
          say(out, "421 scripted.test Service not available, try again later");
          return;
        }
        case ACCEPT -> say(out, "220 scripted.test ESMTP");
      }
      String messageId = null;
      boolean inData = false;
      String line;
      while ((line = in.readLine()) != null) {
        if (inData) {
          if (line.equals(".")) {
            inData = false;
            accepted.add(messageId);
            messageId = null;
            say(out, "250 2.0.0 taken");
          } else if (messageId == null && line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
            messageId = line.substring(11).trim();
          }
          continue;
        }
        String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
        switch (command) {
          case "EHLO", "HELO" -> say(out, "250 scripted.test");
          case "MAIL" -> say(out, "250 2.1.0 ok");
          case "RCPT" -> say(out, line.contains(refusedRecipient)
              ? "550 5.1.1 no such mailbox" : "250 2.1.5 ok");
          case "DATA" -> {
            inData = true;
            say(out, "354 go on");
          }
          case "RSET", "NOOP" -> say(out, "250 ok");
          case "QUIT" -> {
            say(out, "221 bye");
            return;
          }
          default -> say(out, "502 not implemented");
        }
      }
    } catch (IOException gone) {
      // the client hung up
    }
  }

  private static void say(OutputStream out, String line) throws IOException {
    out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() throws IOException {
    socket.close();
    for (Socket connection : connections) {
      connection.close();
    }
  }
}
