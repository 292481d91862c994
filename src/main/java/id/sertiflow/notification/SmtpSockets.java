package id.sertiflow.notification;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.util.Properties;
import javax.net.SocketFactory;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Component;

/**
 * The SMTP connection sends each command and each message as soon as it is written
 * ({@code TCP_NODELAY}). Without it the last piece of every message waited for the server to
 * acknowledge the piece before it, and a server acknowledges late (up to 40 ms on Linux) while it
 * has nothing to answer yet: 20 e-mails a second over one connection on an idle machine
 * (bench/mail, docs/mail-throughput.md). STARTTLS wraps this same socket, so it holds there too;
 * an operator's own {@code mail.smtp.socketFactory} and SMTPS ({@code mail.smtp.ssl.enable}), whose
 * TLS sockets are made by their own factory, are left as configured.
 */
@Component
class SmtpSockets implements BeanPostProcessor {

  static final String FACTORY = "mail.smtp.socketFactory";

  @Override
  public Object postProcessAfterInitialization(Object bean, String beanName) {
    if (bean instanceof JavaMailSenderImpl sender) {
      configure(sender.getJavaMailProperties());
    }
    return bean;
  }

  static void configure(Properties mail) {
    boolean own = mail.containsKey(FACTORY) || mail.containsKey(FACTORY + ".class");
    boolean smtps = Boolean.parseBoolean(mail.getProperty("mail.smtp.ssl.enable", "false"));
    if (!own && !smtps) {
      mail.put(FACTORY, new NoDelay());
    }
  }

  /** Plain sockets with Nagle's algorithm off. */
  static final class NoDelay extends SocketFactory {

    @Override
    public Socket createSocket() throws IOException {
      return connected(new Socket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return connected(new Socket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
        throws IOException {
      return connected(new Socket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return connected(new Socket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress,
        int localPort) throws IOException {
      return connected(new Socket(address, port, localAddress, localPort));
    }

    private static Socket connected(Socket socket) throws IOException {
      socket.setTcpNoDelay(true);
      return socket;
    }
  }
}
