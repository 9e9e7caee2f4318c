using Kamino.Host.Cli;

return await KaminoCli.Build().Parse(args).InvokeAsync();
