import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRoutes } from '@contract/api.ts';
import type { AddAlertChannelInput } from '@contract/alert-channels.ts';
import { callApi } from '../../../lib/api-client.ts';

export const alertQueryKeys = {
  all: ['alert-channels'] as const,
  list: () => [...alertQueryKeys.all, 'list'] as const,
  watch: () => ['history', 'watch-schedule'] as const,
};

export function useAlertChannels() {
  return useQuery({ queryKey: alertQueryKeys.list(), queryFn: () => callApi(apiRoutes.listAlertChannels), select: (data) => data.channels });
}

/** The last watched run and when the next is due; refreshed each minute while the page is open. */
export function useWatchSchedule() {
  return useQuery({ queryKey: alertQueryKeys.watch(), queryFn: () => callApi(apiRoutes.getWatchSchedule), refetchInterval: 60_000 });
}

export function useAddAlertChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AddAlertChannelInput) => callApi(apiRoutes.addAlertChannel, { body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertQueryKeys.all }),
  });
}

export function useRemoveAlertChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (channelId: string) => callApi(apiRoutes.removeAlertChannel, { params: { channelId } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: alertQueryKeys.all }),
  });
}

export function useTestAlertChannel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (channelId: string) => callApi(apiRoutes.testAlertChannel, { params: { channelId }, body: {} }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: alertQueryKeys.all }),
  });
}
