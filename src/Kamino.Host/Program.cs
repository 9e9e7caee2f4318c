using Kamino.Host.Cli;

return await KaminoCli.RunAsync(args);
