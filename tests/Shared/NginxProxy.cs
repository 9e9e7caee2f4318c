using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Kamino.Testing;

/// <summary>
/// nginx (the Debian package, <c>/usr/sbin/nginx</c>) in front of several <c>kamino serve</c> nodes, run in the
/// foreground from a temporary folder that holds its configuration, pid file, logs and temporary files: nothing of
/// the machine's own nginx is used or changed. The configuration is the one docs/scaling.md describes: round-robin
/// for pages and API, the same node for a browser's Blazor circuit, failover to the next node on errors.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    public const string Binary = "/usr/sbin/nginx";

    private readonly Process process;
    private readonly string root;
    private readonly StringBuilder output = new();

    private NginxProxy(Process process, string root, int port)
    {
        this.process = process;
        this.root = root;
        Address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
    }

    /// <summary>Where clients reach the nodes through nginx.</summary>
    public Uri Address { get; }

    /// <summary>The access log so far: one line per request, <c>status|upstream_addr|upstream_status|method|uri</c>
    /// (upstream_addr lists every node tried, separated by ", ").</summary>
    public string AccessLog => File.Exists(Path.Combine(root, "access.log")) ? File.ReadAllText(Path.Combine(root, "access.log")) : "";

    /// <summary>Starts nginx in front of <paramref name="nodes"/> (host:port each) and waits until it answers.</summary>
    public static async Task<NginxProxy> StartAsync(IReadOnlyList<string> nodes)
    {
        if (!File.Exists(Binary))
        {
            throw new InvalidOperationException($"{Binary} is missing: on Debian run 'apt-get install -y nginx' (test.sh does this when run as root).");
        }

        var root = Directory.CreateTempSubdirectory("kamino-nginx-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "tmp"));
        var port = FreeLoopbackPort();
        var conf = Path.Combine(root, "nginx.conf");
        await File.WriteAllTextAsync(conf, Config(root, port, nodes));
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // -e: the error log from the first line on (before the configuration is read, nginx would open its default one).
        foreach (var a in new[] { "-p", root + "/", "-c", conf, "-e", Path.Combine(root, "error.log") })
        {
            start.ArgumentList.Add(a);
        }

        var process = new Process { StartInfo = start };
        var proxy = new NginxProxy(process, root, port);
        process.OutputDataReceived += (_, e) => proxy.Append(e.Data);
        process.ErrorDataReceived += (_, e) => proxy.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await proxy.WaitUntilListeningAsync();
            return proxy;
        }
        catch
        {
            await proxy.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// The configuration (docs/scaling.md shows the same with the Debian paths): one worker, its own pid file, logs
    /// and temporary paths under <paramref name="root"/>, in the foreground.
    /// </summary>
    public static string Config(string root, int port, IReadOnlyList<string> nodes)
    {
        var servers = string.Concat(nodes.Select(n => $"        server {n} max_fails=1 fail_timeout=5s;\n"));
        // As root the workers would run as "nobody", which cannot write the temporary folders of a root-owned folder.
        var user = Environment.UserName == "root" ? "user root;\n" : "";
        return $$"""
            daemon off;
            worker_processes 1;
            {{user}}pid {{root}}/nginx.pid;
            error_log {{root}}/error.log warn;
            events { worker_connections 1024; }
            http {
                log_format kamino '$status|$upstream_addr|$upstream_status|$request_method|$uri';
                access_log {{root}}/access.log kamino;
                client_body_temp_path {{root}}/tmp/body;
                proxy_temp_path {{root}}/tmp/proxy;
                fastcgi_temp_path {{root}}/tmp/fastcgi;
                uwsgi_temp_path {{root}}/tmp/uwsgi;
                scgi_temp_path {{root}}/tmp/scgi;

                # Pages and API: round-robin; a node that fails is left alone for 5 s.
                upstream kamino {
            {{servers}}        keepalive 32;
                }

                # Blazor circuits: a browser's negotiate and WebSocket must reach the node that holds its circuit.
                upstream kamino_circuits {
                    ip_hash;
            {{servers}}    }

                map $http_upgrade $connection_upgrade {
                    default upgrade;
                    ''      close;
                }

                server {
                    listen 127.0.0.1:{{port}};
                    client_max_body_size 200m;

                    proxy_http_version 1.1;
                    proxy_connect_timeout 2s;
                    # A node that refuses, resets or answers 502/503 gets the request's next try elsewhere. nginx
                    # never resends a POST that reached a node (non_idempotent is not listed): no write twice.
                    proxy_next_upstream error timeout http_502 http_503;
                    proxy_next_upstream_tries 2;
                    proxy_next_upstream_timeout 10s;

                    # proxy_set_header in a location drops every one of the server level: all are here.
                    location / {
                        proxy_pass http://kamino;
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_set_header Connection "";
                    }

                    location /_blazor {
                        proxy_pass http://kamino_circuits;
                        proxy_set_header Host $http_host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                        proxy_set_header Upgrade $http_upgrade;
                        proxy_set_header Connection $connection_upgrade;
                        proxy_read_timeout 1h;
                    }
                }
            }

            """;
    }

    /// <summary>Stops nginx at once (master and worker) and deletes its folder.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless.
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        for (var i = 0; i < 100; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"nginx exited with {process.ExitCode}:\n{Output()}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Address.Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        throw new InvalidOperationException("nginx did not listen within 10 s:\n" + Output());
    }

    private string Output()
    {
        var log = Path.Combine(root, "error.log");
        lock (output)
        {
            return output + (File.Exists(log) ? File.ReadAllText(log) : "");
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.Append(line).Append('\n');
            }
        }
    }

    /// <summary>A free TCP port on 127.0.0.1 (free when asked; taken by whoever binds it first).</summary>
    public static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
